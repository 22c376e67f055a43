using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.Aggregate;
using IOx.Pg.Executor.Operators.GapFill;
using IOx.Pg.Executor.Operators.Sort;
using IOx.Pg.Executor.Operators.Window;
using IOx.Pg.Planner.Logical;

namespace IOx.Pg.Planner.Physical;

/// <summary>
/// Turns a logical plan into executor operators. The table snapshot is taken here, so a query
/// sees the rows written before it started. ORDER BY followed by LIMIT becomes a top-k.
/// </summary>
public static class PhysicalPlanner
{
    /// <summary>The profiler of the EXPLAIN ANALYZE being built on this thread, if any.</summary>
    [ThreadStatic]
    private static PlanProfiler? t_profiler;

    /// <summary>The operator tree for <paramref name="plan"/>, every operator measured into <paramref name="profiler"/> (EXPLAIN ANALYZE).</summary>
    public static Operator Build(LogicalPlan plan, PlanProfiler profiler)
    {
        PlanProfiler? outer = t_profiler;
        t_profiler = profiler;
        try
        {
            return Build(plan);
        }
        finally
        {
            t_profiler = outer;
        }
    }

    /// <summary>The operator tree for <paramref name="plan"/>.</summary>
    public static Operator Build(LogicalPlan plan)
    {
        Operator built = BuildNode(plan);
        return t_profiler is null ? built : t_profiler.Wrap(plan, built);
    }

    /// <summary>The operator for one node; its inputs are built through <see cref="Build(LogicalPlan)"/>.</summary>
    private static Operator BuildNode(LogicalPlan plan)
    {
        switch (plan)
        {
            case ScanNode scan:
            {
                var projection = new int[scan.Projection.Count];
                for (int i = 0; i < projection.Length; i++)
                {
                    projection[i] = scan.Projection[i];
                }

                return SortedAggregatePlanning.Note(scan, new TableScanOperator(scan.Table.Snapshot(), projection, scan.TimeRange, scan.Predicates));
            }

            case OneRowNode:
                return new OneRowOperator();
            case MemoryTableNode memory:
                return new MemoryTableOperator(memory.Schema, memory.Batches);
            case FilterNode filter:
                return new FilterOperator(Build(filter.Input), ExpressionCompiler.Compile(filter.Predicate));
            case ProjectNode project:
                return new ProjectOperator(Build(project.Input), ExpressionCompiler.CompileAll(project.Expressions), project.Schema);
            case AggregateNode aggregate:
            {
                return new HashAggregateOperator(Build(aggregate.Input), ExpressionCompiler.CompileAll(aggregate.GroupBy), AggregateOrdering.Specs(aggregate.Aggregates), aggregate.Schema);
            }

            case SortedAggregateNode sorted:
                return SortedAggregatePlanning.Build(sorted);
            case LastPointNode lastPoint:
                return LastPointPlanning.Build(lastPoint);
            case GapFillNode gapFill:
                return new GapFillOperator(Build(gapFill.Input), gapFill.TimeColumn, [.. gapFill.SeriesColumns], gapFill.Bins, [.. gapFill.Fills], gapFill.Schema);
            case SortNode sort:
                return new SortOperator(Build(sort.Input), Keys(sort.Keys));
            case WindowNode window:
            {
                var partition = new SortKey[window.PartitionBy.Count];
                for (int i = 0; i < partition.Length; i++)
                {
                    partition[i] = new SortKey(window.PartitionBy[i], Descending: false, NullsFirst: false);
                }

                return new WindowOperator(Build(window.Input), partition, Keys(window.OrderBy), [.. window.Functions], window.Schema);
            }

            case UnionNode union:
            {
                var inputs = new Operator[union.Inputs.Count];
                for (int i = 0; i < inputs.Length; i++)
                {
                    inputs[i] = Build(union.Inputs[i]);
                }

                return new UnionOperator(inputs, union.Schema);
            }

            case DistinctOnNode distinctOn:
            {
                // The order starts with the key columns; what follows orders rows inside a group.
                int prefix = 0;
                while (prefix < distinctOn.Order.Count && Contains(distinctOn.Keys, distinctOn.Order[prefix].Column))
                {
                    prefix++;
                }

                SortKey[] order = Keys(distinctOn.Order);
                return new DistinctOnOperator(Build(distinctOn.Input), [.. distinctOn.Keys], order[prefix..], order);
            }

            case LimitNode { Input: SortNode sort, Limit: not null } limit when limit.Offset + limit.Limit.Value <= int.MaxValue / 4:
            {
                int k = (int)(limit.Offset + limit.Limit.Value);
                return new LimitOperator(new TopKOperator(Build(sort.Input), Keys(sort.Keys), k), limit.Offset, limit.Limit);
            }

            case LimitNode limit:
                return new LimitOperator(Build(limit.Input), limit.Offset, limit.Limit);
            case JoinNode join:
                return JoinPlanning.Build(join);
            case RecursiveUnionNode recursiveUnion:
                return RecursivePlanning.Build(recursiveUnion);
            case WorkTableNode workTable:
                return RecursivePlanning.Build(workTable);
            case ProjectSetNode projectSet:
                return ProjectSetPlanning.Build(projectSet);
            default:
                throw new InvalidOperationException($"no physical operator for {plan.GetType().Name}");
        }
    }

    /// <summary>Executor sort keys of logical sort items.</summary>
    private static SortKey[] Keys(IReadOnlyList<SortItem> items)
    {
        var keys = new SortKey[items.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = new SortKey(items[i].Column, items[i].Descending, items[i].NullsFirst);
        }

        return keys;
    }

    /// <summary>Whether <paramref name="columns"/> holds <paramref name="column"/>.</summary>
    private static bool Contains(IReadOnlyList<int> columns, int column)
    {
        foreach (int c in columns)
        {
            if (c == column)
            {
                return true;
            }
        }

        return false;
    }
}
