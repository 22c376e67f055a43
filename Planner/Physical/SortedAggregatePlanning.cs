using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.Aggregate;
using IOx.Pg.Executor.Operators.Scan;
using IOx.Pg.Planner.Logical;

namespace IOx.Pg.Planner.Physical;

/// <summary>
/// Physical planning of a <see cref="SortedAggregateNode"/>: builds its input (filters and
/// projections over one scan), then decides streaming against the snapshot that scan operator
/// actually reads, so a write or persist between planning and execution can only turn streaming
/// off (hash aggregation), never make it wrong.
/// </summary>
internal static class SortedAggregatePlanning
{
    /// <summary>The table scan operator built last on this thread (the physical planner notes each one).</summary>
    [ThreadStatic]
    private static TableScanOperator? t_lastScan;

    /// <summary>The table scan operator built last on this thread, if any.</summary>
    public static TableScanOperator? LastScan => t_lastScan;

    /// <summary>Called by the physical planner for every scan operator it builds.</summary>
    public static TableScanOperator Note(TableScanOperator scan)
    {
        t_lastScan = scan;
        return scan;
    }

    /// <summary>The operator for <paramref name="node"/>.</summary>
    public static Operator Build(SortedAggregateNode node)
    {
        var specs = new AggregateSpec[node.Aggregates.Count];
        for (int i = 0; i < specs.Length; i++)
        {
            var a = node.Aggregates[i];
            PhysicalExpr? argument = a.Argument is null ? null : ExpressionCompiler.Compile(a.Argument);
            specs[i] = AggregateOrdering.Apply(new AggregateSpec(a.Kind, argument, a.Distinct, a.Ordering is null ? null : ExpressionCompiler.Compile(a.Ordering)), a);
        }

        // The input is a chain of filters and projections over exactly one scan, so the scan built last is its scan.
        t_lastScan = null;
        Operator input = PhysicalPlanner.Build(node.Input);
        TableScanOperator? scan = t_lastScan;
        t_lastScan = null;
        bool sorted = scan is not null && ScanOrdering.IsSortedBy(scan.Snapshot, scan.TimeRange, node.Order);
        return new StreamingAggregateOperator(input, ExpressionCompiler.CompileAll(node.GroupBy), specs, node.Schema, sorted);
    }
}
