using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// A consistent, immutable view of a table at one moment: its schema and its rows as record
/// batches. A batch written before a column existed lacks it (its schema is a prefix of
/// <see cref="Schema"/>, since columns are only ever appended); <see cref="GetColumn"/> reads
/// such a column as all nulls.
/// </summary>
public sealed class TableSnapshot
{
    /// <summary>Creates a snapshot.</summary>
    public TableSnapshot(Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        Schema = schema;
        Batches = batches;
        long rows = 0;
        foreach (RecordBatch batch in batches)
        {
            rows += batch.RowCount;
        }

        RowCount = rows;
    }

    /// <summary>The table schema at snapshot time.</summary>
    public Schema Schema { get; }

    /// <summary>The rows, in write order.</summary>
    public IReadOnlyList<RecordBatch> Batches { get; }

    /// <summary>Total number of rows.</summary>
    public long RowCount { get; }

    /// <summary>Column <paramref name="schemaIndex"/> of <paramref name="batch"/>, all nulls when the batch predates it.</summary>
    public Column GetColumn(RecordBatch batch, int schemaIndex) =>
        schemaIndex < batch.Schema.Count
            ? batch.Column(schemaIndex)
            : NullColumns.Create(Schema[schemaIndex].Type, batch.RowCount);
}
