using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Planner.Logical;

/// <summary>Reads a table: the projected columns (table column indices), restricted to a time range the optimizer may narrow.</summary>
public sealed class ScanNode : LogicalPlan
{
    /// <summary>Output schema.</summary>
    private readonly Schema _schema;

    /// <summary>Creates a scan of <paramref name="table"/>.</summary>
    public ScanNode(TableBuffer table, Schema tableSchema, IReadOnlyList<int> projection, TimeRange timeRange, IReadOnlyList<ColumnRangePredicate>? predicates = null)
    {
        Predicates = predicates ?? [];
        Table = table;
        TableSchema = tableSchema;
        Projection = projection;
        TimeRange = timeRange;
        var fields = new Field[projection.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = tableSchema[projection[i]];
        }

        _schema = new Schema(fields);
    }

    /// <summary>The table.</summary>
    public TableBuffer Table { get; }

    /// <summary>The table's schema when bound (columns are only ever appended, so indices stay valid).</summary>
    public Schema TableSchema { get; }

    /// <summary>Table column index of each output column.</summary>
    public IReadOnlyList<int> Projection { get; }

    /// <summary>Only rows with time in this range are needed.</summary>
    public TimeRange TimeRange { get; }

    /// <summary>Predicates (on table columns, by name) every needed row satisfies: the scan skips files, row groups and pages they rule out; the filter above still applies.</summary>
    public IReadOnlyList<ColumnRangePredicate> Predicates { get; }

    /// <summary>The output slot of the time column, or -1 when it is not projected.</summary>
    public int TimeSlot
    {
        get
        {
            for (int i = 0; i < Projection.Count; i++)
            {
                if (Projection[i] == 0)
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    /// <summary>The same scan with another time range.</summary>
    public ScanNode WithTimeRange(TimeRange range) => new(Table, TableSchema, Projection, range, Predicates);

    /// <summary>The same scan with other pruning predicates.</summary>
    public ScanNode WithPredicates(IReadOnlyList<ColumnRangePredicate> predicates) => new(Table, TableSchema, Projection, TimeRange, predicates);

    /// <inheritdoc/>
    public override string Describe()
    {
        var names = new string[_schema.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = _schema[i].Name;
        }

        string range = TimeRange.IsAll ? "" : $" time=[{Bound(TimeRange.Min)}, {Bound(TimeRange.Max)}]";
        return $"Scan: {Table.Name} projection=[{string.Join(", ", names)}]{range}{(Predicates.Count == 0 ? "" : $" prune=[{string.Join(" AND ", Predicates)}]")}";
    }

    /// <summary>A range end in timestamp text (with the nanoseconds below a microsecond spelled out, so exclusive bounds read exactly), or -inf/+inf.</summary>
    private static string Bound(long ns)
    {
        if (ns == long.MinValue || ns == long.MaxValue)
        {
            return ns == long.MinValue ? "-inf" : "+inf";
        }

        long rem = ((ns % 1000) + 1000) % 1000;
        string text = ValueText.FormatTimestamp(ns - rem, withZone: true);
        return rem == 0 ? text : $"{text} +{rem}ns";
    }
}
