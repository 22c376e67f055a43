using System.Runtime.CompilerServices;
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
    /// <summary>
    /// The first scan operator built for each scan node on this thread since <see cref="Forget"/>
    /// (by node identity). First, not last: an input is built before the expressions over it, so a
    /// subquery in a filter that reads the same node again cannot take its place. Weak keys: notes
    /// of scans nobody takes die with their plans.
    /// </summary>
    [ThreadStatic]
    private static ConditionalWeakTable<ScanNode, TableScanOperator>? t_scans;

    /// <summary>Called by the physical planner for every scan operator it builds.</summary>
    public static TableScanOperator Note(ScanNode node, TableScanOperator scan)
    {
        (t_scans ??= []).TryAdd(node, scan);
        return scan;
    }

    /// <summary>Forgets the operator noted for <paramref name="node"/>, before building it again.</summary>
    public static void Forget(ScanNode node) => t_scans?.Remove(node);

    /// <summary>The scan operator built for <paramref name="node"/> since it was last forgotten, removed from the notes.</summary>
    public static TableScanOperator? Take(ScanNode node)
    {
        if (t_scans is null || !t_scans.TryGetValue(node, out TableScanOperator? scan))
        {
            return null;
        }

        t_scans.Remove(node);
        return scan;
    }

    /// <summary>The scan at the bottom of a chain of filters and projections, or null.</summary>
    private static ScanNode? ScanOf(LogicalPlan plan) => plan switch
    {
        ScanNode scan => scan,
        FilterNode filter => ScanOf(filter.Input),
        ProjectNode project => ScanOf(project.Input),
        _ => null,
    };

    /// <summary>The operator for <paramref name="node"/>.</summary>
    public static Operator Build(SortedAggregateNode node)
    {
        AggregateSpec[] specs = AggregateOrdering.Specs(node.Aggregates);

        // The input is a chain of filters and projections over exactly one scan node: decide on the operator built for it.
        ScanNode? scanNode = ScanOf(node.Input);
        if (scanNode is not null)
        {
            Forget(scanNode);
        }

        Operator input = PhysicalPlanner.Build(node.Input);
        TableScanOperator? scan = scanNode is null ? null : Take(scanNode);
        bool sorted = scan is not null && ScanOrdering.IsSortedBy(scan.Snapshot, scan.TimeRange, node.Order);
        return new StreamingAggregateOperator(input, ExpressionCompiler.CompileAll(node.GroupBy), specs, node.Schema, sorted);
    }
}
