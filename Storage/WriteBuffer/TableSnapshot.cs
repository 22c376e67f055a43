using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Persist;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// A consistent, immutable view of a table at one moment: its schema, its persisted files (oldest
/// first) and its in-memory rows as record batches (sealed then live, each a
/// <see cref="BufferSource"/>). Every row is in exactly one of them. A batch written before a
/// column existed lacks it (its schema is a prefix of <see cref="Schema"/>, since columns are only
/// ever appended); <see cref="GetColumn"/> reads such a column as all nulls. Files may lack
/// columns too (they are read by name).
/// </summary>
public sealed class TableSnapshot
{
    /// <summary>Creates a snapshot.</summary>
    public TableSnapshot(Schema schema, IReadOnlyList<PersistedFile> files, IReadOnlyList<BufferSource> bufferSources)
    {
        Schema = schema;
        Files = files;
        BufferSources = bufferSources;
    }

    /// <summary>The table schema at snapshot time.</summary>
    public Schema Schema { get; }

    /// <summary>Persisted files, oldest first.</summary>
    public IReadOnlyList<PersistedFile> Files { get; }

    /// <summary>The in-memory parts: sealed (being persisted), then live; each may be absent.</summary>
    public IReadOnlyList<BufferSource> BufferSources { get; }

    /// <summary>
    /// The concatenation of the buffer sources' batches, computed on first use: taking a snapshot
    /// (every query plan does) must not touch each of the table's batches. Racing first uses compute
    /// the same list from the same immutable sources.
    /// </summary>
    private IReadOnlyList<RecordBatch>? _batches;

    /// <summary>Rows of <see cref="Batches"/>, -1 until first asked.</summary>
    private long _rowCount = -1;

    /// <summary>The in-memory rows, in write order.</summary>
    public IReadOnlyList<RecordBatch> Batches => _batches ??= Concatenate(BufferSources);

    /// <summary>The deletes that reading files must apply (buffer rows they matched are already gone), oldest first.</summary>
    public IReadOnlyList<Deletes.Tombstone> Tombstones { get; init; } = [];

    /// <summary>Number of rows in memory (files not counted).</summary>
    public long RowCount
    {
        get
        {
            if (_rowCount < 0)
            {
                long rows = 0;
                foreach (RecordBatch batch in Batches)
                {
                    rows += batch.RowCount;
                }

                _rowCount = rows;
            }

            return _rowCount;
        }
    }

    /// <summary>Every batch of <paramref name="sources"/> in order.</summary>
    private static List<RecordBatch> Concatenate(IReadOnlyList<BufferSource> sources)
    {
        int count = 0;
        foreach (BufferSource source in sources)
        {
            count += source.Batches.Count;
        }

        var batches = new List<RecordBatch>(count);
        foreach (BufferSource source in sources)
        {
            batches.AddRange(source.Batches);
        }

        return batches;
    }

    /// <summary>Column <paramref name="schemaIndex"/> of <paramref name="batch"/>, all nulls when the batch predates it.</summary>
    public Column GetColumn(RecordBatch batch, int schemaIndex) =>
        schemaIndex < batch.Schema.Count
            ? batch.Column(schemaIndex)
            : NullColumns.Create(Schema[schemaIndex].Type, batch.RowCount);
}
