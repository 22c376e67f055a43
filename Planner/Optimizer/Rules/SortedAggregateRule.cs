using IOx.Pg.Executor.Functions.Temporal;
using IOx.Pg.Executor.Operators.Scan;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Persist;

namespace IOx.Pg.Planner.Optimizer.Rules;

/// <summary>
/// Chooses streaming aggregation (<see cref="SortedAggregateNode"/>) for a GROUP BY over a scan
/// (through filters and projections, which keep row order) whose sources are sorted by (tags by
/// name, time) right now (<see cref="ScanOrdering"/>), when the group keys are a prefix of that
/// order: the first n tags by name (in any order in the GROUP BY), and only if they are all the
/// table's tags, also time or a bin of time with constant arguments (date_bin, time_bucket:
/// non-decreasing in time, so within one series the bins arrive in order). Any other key, or a key
/// set with a gap (grouping by the second tag alone), leaves the hash aggregate. The check uses the
/// table's sources at planning; the operator checks again on the snapshot it reads and hashes if
/// the order no longer holds. Runs last, so the other rules see an ordinary aggregate.
/// </summary>
public sealed class SortedAggregateRule : IOptimizerRule
{
    /// <inheritdoc/>
    public string Name => "sorted_aggregate";

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
        if (node is AggregateNode aggregate && Order(aggregate) is { } order)
        {
            return new SortedAggregateNode(aggregate, order);
        }

        return node;
    }

    /// <summary>The sort-order column names the keys of <paramref name="aggregate"/> follow, or null when it cannot stream.</summary>
    internal static IReadOnlyList<string>? Order(AggregateNode aggregate)
    {
        if (aggregate.GroupBy.Count == 0 || Scan(aggregate.Input) is not { } scan)
        {
            return null;
        }

        Schema table = scan.TableSchema;
        int[] tagOrder = DedupKernel.TagOrder(table);
        var tagUsed = new bool[tagOrder.Length];
        bool time = false;
        foreach (BoundExpr key in aggregate.GroupBy)
        {
            int column = key is BoundColumn direct ? Resolve(direct.Index, aggregate.Input) : -1;
            if (column >= 0 && table[column].Role == ColumnRole.Tag)
            {
                tagUsed[Array.IndexOf(tagOrder, column)] = true;
            }
            else if ((column >= 0 && table[column].Role == ColumnRole.Time) || IsTimeBin(key, aggregate.Input, table))
            {
                time = true;
            }
            else
            {
                return null;
            }
        }

        // The used tags must be the first ones by name; time only after all of them.
        int prefix = 0;
        while (prefix < tagUsed.Length && tagUsed[prefix])
        {
            prefix++;
        }

        for (int i = prefix; i < tagUsed.Length; i++)
        {
            if (tagUsed[i])
            {
                return null;
            }
        }

        if ((time && prefix != tagOrder.Length) || !ScanOrdering.IsSortedByTagsThenTime(scan.Table.Snapshot(), scan.TimeRange))
        {
            return null;
        }

        var order = new List<string>(prefix + 1);
        for (int i = 0; i < prefix; i++)
        {
            order.Add(table[tagOrder[i]].Name);
        }

        if (time)
        {
            order.Add("time");
        }

        return order;
    }

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

    /// <summary>Whether <paramref name="key"/> is date_bin or two-argument time_bucket of the time column with constant other arguments.</summary>
    private static bool IsTimeBin(BoundExpr key, LogicalPlan input, Schema table)
    {
        if (key is not BoundFunction { Function: DateBinFunction or TimeBucketFunction } bin || bin.Args.Count < 2)
        {
            return false;
        }

        if (bin.Function is TimeBucketFunction && bin.Args.Count != 2)
        {
            return false;
        }

        if (bin.Args[1] is not BoundColumn source || Resolve(source.Index, input) is not (>= 0 and var column) || table[column].Role != ColumnRole.Time)
        {
            return false;
        }

        for (int i = 0; i < bin.Args.Count; i++)
        {
            if (i != 1 && bin.Args[i] is not BoundLiteral)
            {
                return false;
            }
        }

        return true;
    }
}
