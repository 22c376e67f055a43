using System.Globalization;
using IOx.Pg.Executor.Operators.GapFill;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>
/// InfluxDB 3's gap filling over an Aggregate whose GROUP BY has date_bin_gapfill: one row per
/// series (the other group keys) and bin from <see cref="FirstBin"/> to <see cref="LastBin"/>
/// (stride apart), rows the aggregate did not produce added with NULL aggregates. The output is
/// the input's columns, then one column per <see cref="Fills"/> entry (an input column with
/// locf/interpolate applied), in (series, bin) order.
/// </summary>
public sealed class GapFillNode : LogicalPlan
{
    /// <summary>Output schema: the input's, then the filled columns.</summary>
    private readonly Schema _schema;

    /// <summary>Creates the node.</summary>
    public GapFillNode(LogicalPlan input, int timeColumn, IReadOnlyList<int> seriesColumns, long strideNanoseconds, long origin, long firstBin, long lastBin, IReadOnlyList<GapFillColumn> fills)
    {
        Input = input;
        TimeColumn = timeColumn;
        SeriesColumns = seriesColumns;
        StrideNanoseconds = strideNanoseconds;
        Origin = origin;
        FirstBin = firstBin;
        LastBin = lastBin;
        Fills = fills;
        var fields = new List<Field>();
        for (int i = 0; i < input.Schema.Count; i++)
        {
            fields.Add(input.Schema[i]);
        }

        foreach (GapFillColumn fill in fills)
        {
            Field source = input.Schema[fill.Source];
            fields.Add(new Field($"{(fill.Mode == FillMode.Locf ? "locf" : "interpolate")}({source.Name})", source.Type));
        }

        _schema = new Schema(fields);
    }

    /// <summary>The aggregation.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The input column holding the date_bin_gapfill bin.</summary>
    public int TimeColumn { get; }

    /// <summary>The other group key columns: together they name a series.</summary>
    public IReadOnlyList<int> SeriesColumns { get; }

    /// <summary>The bin width in nanoseconds (positive, no months).</summary>
    public long StrideNanoseconds { get; }

    /// <summary>The bins' origin, nanoseconds since the Unix epoch.</summary>
    public long Origin { get; }

    /// <summary>The start of the bin holding the WHERE clause's lower time bound.</summary>
    public long FirstBin { get; }

    /// <summary>The start of the bin holding the WHERE clause's upper time bound (inclusive).</summary>
    public long LastBin { get; }

    /// <summary>The filled columns appended to the output.</summary>
    public IReadOnlyList<GapFillColumn> Fills { get; }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) =>
        new GapFillNode(inputs[0], TimeColumn, SeriesColumns, StrideNanoseconds, Origin, FirstBin, LastBin, Fills);

    /// <inheritdoc/>
    public override string Describe()
    {
        var fills = new List<string>();
        foreach (GapFillColumn fill in Fills)
        {
            fills.Add($"{(fill.Mode == FillMode.Locf ? "locf" : "interpolate")}(#{fill.Source})");
        }

        CultureInfo c = CultureInfo.InvariantCulture;
        return $"GapFill: time=#{TimeColumn} series=[{string.Join(", ", SeriesColumns)}] stride={StrideNanoseconds.ToString(c)}ns "
            + $"bins=[{FirstBin.ToString(c)}, {LastBin.ToString(c)}] fills=[{string.Join(", ", fills)}]";
    }
}
