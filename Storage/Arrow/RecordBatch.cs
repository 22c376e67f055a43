namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// A set of equally long columns with a schema: the unit operators exchange (at most
/// <see cref="MaxRows"/> rows, by convention). Immutable.
/// </summary>
public sealed class RecordBatch
{
    /// <summary>The batch size operators aim for.</summary>
    public const int MaxRows = 8192;

    /// <summary>The columns, one per schema field.</summary>
    private readonly Column[] _columns;

    /// <summary>Creates a batch; every column must have <paramref name="rowCount"/> values.</summary>
    public RecordBatch(Schema schema, Column[] columns, int rowCount)
    {
        if (columns.Length != schema.Count)
        {
            throw new ArgumentException("column count differs from schema", nameof(columns));
        }

        foreach (Column column in columns)
        {
            if (column.Length != rowCount)
            {
                throw new ArgumentException("column length differs from row count", nameof(columns));
            }
        }

        Schema = schema;
        _columns = columns;
        RowCount = rowCount;
    }

    /// <summary>The schema.</summary>
    public Schema Schema { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The columns in schema order.</summary>
    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>Column <paramref name="index"/>.</summary>
    public Column Column(int index) => _columns[index];
}
