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
    /// <summary>Watches kept before stale ones (left by a build that threw between Watch and Take) are dropped.</summary>
    private const int MaxWatches = 32;

    /// <summary>
    /// The scan nodes a caller on this thread is waiting for (<see cref="Forget"/> starts a watch,
    /// <see cref="Take"/> ends it), each with the first scan operator built for it since (by node
    /// identity; null until one is built). First, not last: an input is built before the
    /// expressions over it, so a subquery in a filter that reads the same node again cannot take
    /// its place. Only watched nodes are recorded, so the common build (no sorted aggregate or
    /// last-point node) records nothing: no per-query weak-table entries and no finalizable
    /// table containers, which showed in profiles of point queries as finalizer-thread time.
    /// </summary>
    [ThreadStatic]
    private static List<(ScanNode Node, TableScanOperator? Scan)>? t_watches;

    /// <summary>Called by the physical planner for every scan operator it builds.</summary>
    public static TableScanOperator Note(ScanNode node, TableScanOperator scan)
    {
        List<(ScanNode Node, TableScanOperator? Scan)>? watches = t_watches;
        if (watches is null || watches.Count == 0)
        {
            return scan;
        }

        for (int i = 0; i < watches.Count; i++)
        {
            if (ReferenceEquals(watches[i].Node, node) && watches[i].Scan is null)
            {
                watches[i] = (node, scan);
            }
        }

        return scan;
    }

    /// <summary>Starts watching <paramref name="node"/> afresh (forgets any operator noted for it), before building it.</summary>
    public static void Forget(ScanNode node)
    {
        List<(ScanNode Node, TableScanOperator? Scan)> watches = t_watches ??= [];
        RemoveWatch(watches, node);
        if (watches.Count >= MaxWatches)
        {
            // Builds nest only as deep as the plan, so this many open watches means earlier builds
            // threw before taking theirs: dropping them only forgets operators nobody will take.
            watches.Clear();
        }

        watches.Add((node, null));
    }

    /// <summary>The scan operator built for <paramref name="node"/> since it was last forgotten, ending the watch.</summary>
    public static TableScanOperator? Take(ScanNode node) => t_watches is { } watches ? RemoveWatch(watches, node) : null;

    /// <summary>Removes the watch on <paramref name="node"/>; returns the operator it recorded, or null.</summary>
    private static TableScanOperator? RemoveWatch(List<(ScanNode Node, TableScanOperator? Scan)> watches, ScanNode node)
    {
        for (int i = watches.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(watches[i].Node, node))
            {
                TableScanOperator? scan = watches[i].Scan;
                watches.RemoveAt(i);
                return scan;
            }
        }

        return null;
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
