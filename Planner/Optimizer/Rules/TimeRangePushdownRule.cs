using IOx.Pg.Executor.Operators;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Optimizer.Rules;

/// <summary>
/// Derives the time range a filter directly over a scan admits, from its top-level AND conjuncts of
/// the form <c>time op constant</c> (op one of = &lt; &lt;= &gt; &gt;=, either side), and narrows the
/// scan to it so whole batches outside it are skipped. The filter stays: the range only prunes.
/// Run after constant folding, so <c>now() - interval '1 hour'</c> is already a constant.
/// </summary>
public sealed class TimeRangePushdownRule : IOptimizerRule
{
    /// <inheritdoc/>
    public string Name => "time_range_pushdown";

    /// <inheritdoc/>
    public LogicalPlan? Apply(LogicalPlan plan)
    {
        LogicalPlan result = Rewrite(plan);
        return ReferenceEquals(result, plan) ? null : result;
    }

    /// <summary>Rewrites a subtree.</summary>
    private static LogicalPlan Rewrite(LogicalPlan plan)
    {
        if (plan is FilterNode { Input: FilterNode { Input: ScanNode inner } lower } upper && inner.TimeSlot >= 0)
        {
            // A filter pushed onto a retention-bounded scan (a join's leaf): both filters bound time.
            TimeRange both = inner.TimeRange;
            Collect(upper.Predicate, inner.TimeSlot, ref both);
            Collect(lower.Predicate, inner.TimeSlot, ref both);
            return both == inner.TimeRange ? plan : new FilterNode(new FilterNode(inner.WithTimeRange(both), lower.Predicate), upper.Predicate);
        }

        if (plan is FilterNode { Input: ScanNode scan } filter && scan.TimeSlot >= 0)
        {
            TimeRange range = scan.TimeRange;
            Collect(filter.Predicate, scan.TimeSlot, ref range);
            return range == scan.TimeRange ? plan : new FilterNode(scan.WithTimeRange(range), filter.Predicate);
        }

        return plan.WithRewrittenInputs(Rewrite);
    }

    /// <summary>Narrows <paramref name="range"/> by every time bound among the AND conjuncts.</summary>
    private static void Collect(BoundExpr predicate, int timeSlot, ref TimeRange range)
    {
        if (predicate is not BoundBinary binary)
        {
            return;
        }

        if (binary.Kind == BinaryKind.And)
        {
            Collect(binary.Left, timeSlot, ref range);
            Collect(binary.Right, timeSlot, ref range);
            return;
        }

        if (!binary.IsComparison || binary.Kind == BinaryKind.NotEqual)
        {
            return;
        }

        BinaryKind kind = binary.Kind;
        BoundExpr column = binary.Left;
        BoundExpr constant = binary.Right;
        if (column is BoundLiteral)
        {
            (column, constant) = (constant, column);
            kind = kind switch
            {
                BinaryKind.Less => BinaryKind.Greater,
                BinaryKind.LessOrEqual => BinaryKind.GreaterOrEqual,
                BinaryKind.Greater => BinaryKind.Less,
                BinaryKind.GreaterOrEqual => BinaryKind.LessOrEqual,
                _ => kind,
            };
        }

        if (column is not BoundColumn { Type: DataType.Timestamp } c || c.Index != timeSlot
            || constant is not BoundLiteral { Value.Value: long t, Value.Type: DataType.Timestamp })
        {
            return;
        }

        TimeRange bound = kind switch
        {
            BinaryKind.Equal => new TimeRange(t, t),
            BinaryKind.Less => new TimeRange(long.MinValue, t == long.MinValue ? long.MinValue : t - 1),
            BinaryKind.LessOrEqual => new TimeRange(long.MinValue, t),
            BinaryKind.Greater => new TimeRange(t == long.MaxValue ? long.MaxValue : t + 1, long.MaxValue),
            _ => new TimeRange(t, long.MaxValue),
        };
        range = range.Intersect(bound);
    }
}
