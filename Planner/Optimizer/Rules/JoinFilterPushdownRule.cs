using IOx.Pg.Executor.Operators.Join;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;

namespace IOx.Pg.Planner.Optimizer.Rules;

/// <summary>
/// Moves predicates to the join input they read, so each input's scan sees its own filter (and
/// the time range pushdown that follows applies per table), and turns predicates of an inner join
/// that read both sides into its condition (FROM a, b WHERE a.x = b.y becomes a hash join).
/// Outer joins stay correct: a filter above the join only moves into a side whose rows the join
/// preserves (left of LEFT, right of RIGHT, neither of FULL), since a row it removed from the other
/// side would come back NULL-extended instead of being dropped; a join condition's conjunct moves
/// only into the side that does NOT have to be preserved (into the right of LEFT, the left of
/// RIGHT), where dropping a row before the join is the same as it never matching.
/// </summary>
public sealed class JoinFilterPushdownRule : IOptimizerRule
{
    /// <inheritdoc/>
    public string Name => "join_filter_pushdown";

    /// <inheritdoc/>
    public LogicalPlan? Apply(LogicalPlan plan)
    {
        LogicalPlan result = Rewrite(plan);
        return ReferenceEquals(result, plan) ? null : result;
    }

    /// <summary>Rewrites a subtree.</summary>
    private static LogicalPlan Rewrite(LogicalPlan plan)
    {
        if (plan is FilterNode { Input: JoinNode join } filter)
        {
            return PushFilter(filter, join);
        }

        if (plan is JoinNode j && j.Kind is JoinKind.Inner or JoinKind.Left or JoinKind.Right or JoinKind.Semi or JoinKind.Anti && j.Condition is not null)
        {
            LogicalPlan pushed = PushCondition(j);
            if (!ReferenceEquals(pushed, plan))
            {
                return pushed;
            }
        }

        return plan.WithRewrittenInputs(Rewrite);
    }

    /// <summary>Filter over a join: each conjunct into the side it reads when allowed, into an inner join's condition, or kept above.</summary>
    private static LogicalPlan PushFilter(FilterNode filter, JoinNode join)
    {
        BoundExpr predicate = filter.Predicate;
        int width = join.Left.Schema.Count;
        int total = width + join.Right.Schema.Count;
        bool intoLeft = join.Kind is JoinKind.Inner or JoinKind.Left or JoinKind.Semi or JoinKind.Anti or JoinKind.NullAwareAnti;
        bool intoRight = join.Kind is JoinKind.Inner or JoinKind.Right;
        var left = new List<BoundExpr>();
        var right = new List<BoundExpr>();
        var condition = new List<BoundExpr>();
        var kept = new List<BoundExpr>();
        foreach (BoundExpr part in Conjuncts.Split(predicate))
        {
            if (intoLeft && Conjuncts.ReadsOnly(part, 0, width))
            {
                left.Add(part);
            }
            else if (intoRight && Conjuncts.ReadsOnly(part, width, total))
            {
                right.Add(Conjuncts.Shift(part, -width));
            }
            else if (join.Kind == JoinKind.Inner)
            {
                condition.Add(part);
            }
            else
            {
                kept.Add(part);
            }
        }

        if (left.Count == 0 && right.Count == 0 && condition.Count == 0)
        {
            LogicalPlan input = Rewrite(join);
            return ReferenceEquals(input, join) ? filter : new FilterNode(input, predicate);
        }

        BoundExpr? joined = join.Condition;
        if (condition.Count > 0)
        {
            condition.InsertRange(0, Conjuncts.Split(join.Condition));
            joined = Conjuncts.Combine(condition);
        }

        LogicalPlan result = Rewrite(new JoinNode(Wrap(join.Left, left), Wrap(join.Right, right), join.Kind, joined, join.NullsEqual));
        BoundExpr? rest = Conjuncts.Combine(kept);
        return rest is null ? result : new FilterNode(result, rest);
    }

    /// <summary>A join condition's conjuncts that read one side only, moved into that side where the join kind allows it.</summary>
    private static LogicalPlan PushCondition(JoinNode join)
    {
        int width = join.Left.Schema.Count;
        int total = width + join.Right.Schema.Count;
        bool intoLeft = join.Kind is JoinKind.Inner or JoinKind.Right;
        bool intoRight = join.Kind is JoinKind.Inner or JoinKind.Left or JoinKind.Semi or JoinKind.Anti;
        var left = new List<BoundExpr>();
        var right = new List<BoundExpr>();
        var kept = new List<BoundExpr>();
        foreach (BoundExpr part in Conjuncts.Split(join.Condition))
        {
            (int _, int max) = Conjuncts.ColumnRange(part);
            if (max < 0)
            {
                // A constant conjunct (ON true) stays: it costs nothing and keeps the plan recognisable.
                kept.Add(part);
            }
            else if (intoLeft && Conjuncts.ReadsOnly(part, 0, width))
            {
                left.Add(part);
            }
            else if (intoRight && Conjuncts.ReadsOnly(part, width, total))
            {
                right.Add(Conjuncts.Shift(part, -width));
            }
            else
            {
                kept.Add(part);
            }
        }

        if (left.Count == 0 && right.Count == 0)
        {
            return join;
        }

        return Rewrite(new JoinNode(Wrap(join.Left, left), Wrap(join.Right, right), join.Kind, Conjuncts.Combine(kept), join.NullsEqual));
    }

    /// <summary><paramref name="input"/> under a filter of <paramref name="parts"/>, merged with a filter already there.</summary>
    private static LogicalPlan Wrap(LogicalPlan input, List<BoundExpr> parts)
    {
        if (parts.Count == 0)
        {
            return input;
        }

        if (input is FilterNode existing)
        {
            parts.InsertRange(0, Conjuncts.Split(existing.Predicate));
            return new FilterNode(existing.Input, Conjuncts.Combine(parts)!);
        }

        return new FilterNode(input, Conjuncts.Combine(parts)!);
    }
}
