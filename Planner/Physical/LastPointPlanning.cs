using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.Scan;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;

namespace IOx.Pg.Planner.Physical;

/// <summary>
/// lastpoint planning (<see cref="LastPointNode"/>, from the lastpoint rule): builds the input
/// (filters and projections over one scan), gives the scan operator built for it a
/// <see cref="LastPointReading"/> (read time groups newest first, skip a group whose keys all have
/// newer delivered rows) and puts a <see cref="LastPointRecordOperator"/> on top, which notes the
/// delivered rows. EXPLAIN ANALYZE shows <c>files_skipped_lastpoint</c> and
/// <c>buffer_parts_skipped_lastpoint</c> on the scan.
/// </summary>
internal static class LastPointPlanning
{
    /// <summary>The operator for <paramref name="node"/>: its input, recorded, or the input alone when no scan operator is found.</summary>
    public static Operator Build(LastPointNode node)
    {
        ScanNode? scanNode = ScanOf(node.Input);
        if (scanNode is not null)
        {
            SortedAggregatePlanning.Forget(scanNode);
        }

        Operator input = PhysicalPlanner.Build(node.Input);
        TableScanOperator? scan = scanNode is null ? null : SortedAggregatePlanning.Take(scanNode);
        int scanKey = node.Key < 0 ? -1 : ScanColumn(node.Key, node.Input);
        if (scan is null || (node.Key >= 0 && scanKey < 0))
        {
            return input;
        }

        var reading = new LastPointReading(scanKey);
        scan.LastPoint = reading;
        return new LastPointRecordOperator(input, reading, node.Key, node.Time, [.. node.Required]);
    }

    /// <summary>The scan at the bottom of a chain of filters and projections, or null.</summary>
    private static ScanNode? ScanOf(LogicalPlan plan) => plan switch
    {
        ScanNode scan => scan,
        FilterNode filter => ScanOf(filter.Input),
        ProjectNode project => ScanOf(project.Input),
        _ => null,
    };

    /// <summary>The scan output column that column <paramref name="index"/> of <paramref name="plan"/> passes through unchanged, or -1.</summary>
    private static int ScanColumn(int index, LogicalPlan plan) => plan switch
    {
        ScanNode => index,
        FilterNode filter => ScanColumn(index, filter.Input),
        ProjectNode project => project.Expressions[index] is BoundColumn column ? ScanColumn(column.Index, project.Input) : -1,
        _ => -1,
    };
}
