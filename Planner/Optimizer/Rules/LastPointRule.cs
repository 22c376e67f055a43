using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Optimizer.Rules;

/// <summary>
/// Puts a <see cref="LastPointNode"/> under a query only a key's newest rows can answer, whose
/// input is filters and projections over one scan:
/// <c>DISTINCT ON (tag) ... ORDER BY tag, time DESC</c> (the key in any direction, then time
/// descending), and an aggregation grouped by one tag (or not grouped) whose aggregates are each <c>max(time)</c>,
/// <c>selector_last(column, time)</c> (either field) or <c>last(column, time)</c> (no FILTER, no
/// ORDER BY inside; the value a plain input column, whose NULLs the node then does not count as a
/// newer row). Filters are fine: the node notes only rows that pass them. Runs after
/// sorted_aggregate, so only hash aggregations are marked (a sorted scan is one time group:
/// nothing to skip anyway).
/// </summary>
public sealed class LastPointRule : IOptimizerRule
{
    /// <inheritdoc/>
    public string Name => "lastpoint";

    /// <inheritdoc/>
    public LogicalPlan? Apply(LogicalPlan plan)
    {
        LogicalPlan result = Rewrite(plan);
        return ReferenceEquals(result, plan) ? null : result;
    }

    /// <summary>Rewrites a subtree.</summary>
    private static LogicalPlan Rewrite(LogicalPlan plan)
    {
        LogicalPlan node = plan.WithRewrittenInputs(Rewrite);
        return node switch
        {
            DistinctOnNode distinctOn when ForDistinctOn(distinctOn) is { } marked => distinctOn.WithInputs([marked]),
            AggregateNode aggregate when ForAggregate(aggregate) is { } marked => aggregate.WithInputs([marked]),
            _ => node,
        };
    }

    /// <summary>The marked input of <paramref name="distinctOn"/>, or null when it does not qualify.</summary>
    private static LastPointNode? ForDistinctOn(DistinctOnNode distinctOn)
    {
        if (distinctOn.Keys.Count != 1 || Scan(distinctOn.Input) is not { } scan)
        {
            return null;
        }

        int key = distinctOn.Keys[0];
        if (!Is(scan, Resolve(key, distinctOn.Input), ColumnRole.Tag))
        {
            return null;
        }

        IReadOnlyList<SortItem> order = distinctOn.Order;
        int next = 0;
        while (next < order.Count && order[next].Column == key)
        {
            next++;
        }

        if (next == order.Count || !order[next].Descending || !Is(scan, Resolve(order[next].Column, distinctOn.Input), ColumnRole.Time))
        {
            return null;
        }

        return new LastPointNode(distinctOn.Input, key, order[next].Column, []);
    }

    /// <summary>The marked input of <paramref name="aggregate"/>, or null when it does not qualify.</summary>
    private static LastPointNode? ForAggregate(AggregateNode aggregate)
    {
        if (aggregate.GroupBy.Count > 1 || aggregate.Aggregates.Count == 0 || aggregate.Input is LastPointNode || Scan(aggregate.Input) is not { } scan)
        {
            return null;
        }

        // One tag, or no GROUP BY at all (one group: key -1).
        LogicalPlan input = aggregate.Input;
        int key = -1;
        if (aggregate.GroupBy.Count == 1)
        {
            if (aggregate.GroupBy[0] is not BoundColumn column || !Is(scan, Resolve(column.Index, input), ColumnRole.Tag))
            {
                return null;
            }

            key = column.Index;
        }

        int time = -1;
        var required = new List<int>();
        foreach (BoundAggregate call in aggregate.Aggregates)
        {
            if (call.Filter is not null || call.OrderBy.Count > 0)
            {
                return null;
            }

            // The time argument and, for the selectors, the value argument (both plain input columns).
            (BoundExpr? timeArg, BoundExpr? valueArg) = call.Kind switch
            {
                AggregateKind.Max => (call.Argument, null),
                AggregateKind.SelectorLastTime when !call.Distinct => (call.Argument, call.Ordering),
                AggregateKind.SelectorLast or AggregateKind.Last when !call.Distinct => (call.Ordering, call.Argument),
                _ => ((BoundExpr?)null, (BoundExpr?)null),
            };
            if (timeArg is not BoundColumn timeColumn || !Is(scan, Resolve(timeColumn.Index, input), ColumnRole.Time))
            {
                return null;
            }

            if (call.Kind != AggregateKind.Max)
            {
                if (valueArg is not BoundColumn value)
                {
                    return null;
                }

                required.Add(value.Index);
            }

            time = time < 0 ? timeColumn.Index : time;
        }

        return new LastPointNode(input, key, time, required);
    }

    /// <summary>Whether table column <paramref name="column"/> of <paramref name="scan"/> exists and has <paramref name="role"/>.</summary>
    private static bool Is(ScanNode scan, int column, ColumnRole role) => column >= 0 && scan.TableSchema[column].Role == role;

    /// <summary>The scan at the bottom of a chain of filters and projections, or null.</summary>
    private static ScanNode? Scan(LogicalPlan plan) => plan switch
    {
        ScanNode scan => scan,
        FilterNode filter => Scan(filter.Input),
        ProjectNode project => Scan(project.Input),
        _ => null,
    };

    /// <summary>The table column that column <paramref name="index"/> of <paramref name="plan"/>'s output passes through from the scan unchanged, or -1.</summary>
    private static int Resolve(int index, LogicalPlan plan) => plan switch
    {
        ScanNode scan => index < scan.Projection.Count ? scan.Projection[index] : -1,
        FilterNode filter => Resolve(index, filter.Input),
        ProjectNode project => project.Expressions[index] is BoundColumn column ? Resolve(column.Index, project.Input) : -1,
        _ => -1,
    };
}
