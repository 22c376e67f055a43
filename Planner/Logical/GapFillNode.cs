using System.Globalization;
using IOx.Pg.Executor.Operators.GapFill;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>
/// InfluxDB 3's gap filling over an Aggregate whose GROUP BY has date_bin_gapfill (or
/// date_bin_wallclock_gapfill): one row per series (the other group keys) and bin of
/// <see cref="Bins"/>, rows the aggregate did not produce added with NULL aggregates. The output is
/// the input's columns, then one column per <see cref="Fills"/> entry (an input column with
/// locf/interpolate applied), in (series, bin) order.
/// </summary>
public sealed class GapFillNode : LogicalPlan
{
    /// <summary>Output schema: the input's, then the filled columns.</summary>
    private readonly Schema _schema;

    /// <summary>Creates the node.</summary>
    public GapFillNode(LogicalPlan input, int timeColumn, IReadOnlyList<int> seriesColumns, GapFillBins bins, IReadOnlyList<GapFillColumn> fills)
    {
        Input = input;
        TimeColumn = timeColumn;
        SeriesColumns = seriesColumns;
        Bins = bins;
        Fills = fills;
        var fields = new List<Field>();
        for (int i = 0; i < input.Schema.Count; i++)
        {
            fields.Add(input.Schema[i]);
        }

        foreach (GapFillColumn fill in fills)
        {
            Field source = input.Schema[fill.Source];
            fields.Add(new Field($"{(fill.Mode is FillMode.Locf or FillMode.LocfKeepNulls ? "locf" : "interpolate")}({source.Name})", source.Type));
        }

        _schema = new Schema(fields);
    }

    /// <summary>The aggregation.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The input column holding the date_bin_gapfill bin.</summary>
    public int TimeColumn { get; }

    /// <summary>The other group key columns: together they name a series.</summary>
    public IReadOnlyList<int> SeriesColumns { get; }

    /// <summary>The bins every series gets: from the bin holding the WHERE clause's lower time bound to the one holding its upper bound.</summary>
    public GapFillBins Bins { get; }

    /// <summary>The filled columns appended to the output.</summary>
    public IReadOnlyList<GapFillColumn> Fills { get; }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) =>
        new GapFillNode(inputs[0], TimeColumn, SeriesColumns, Bins, Fills);

    /// <inheritdoc/>
    public override string Describe()
    {
        var fills = new List<string>();
        foreach (GapFillColumn fill in Fills)
        {
            fills.Add($"{(fill.Mode is FillMode.Locf or FillMode.LocfKeepNulls ? "locf" : "interpolate")}(#{fill.Source})");
        }

        CultureInfo c = CultureInfo.InvariantCulture;
        string zone = Bins.WallclockZone is null ? "" : $" wallclock={Bins.WallclockZone.Name}";
        return $"GapFill: time=#{TimeColumn} series=[{string.Join(", ", SeriesColumns)}] stride={Bins.Stride.ToString(c)}ns origin={Bins.Origin.ToString(c)}{zone} "
            + $"range=[{Bins.Lower.ToString(c)}, {Bins.Upper.ToString(c)}] fills=[{string.Join(", ", fills)}]";
    }
}
