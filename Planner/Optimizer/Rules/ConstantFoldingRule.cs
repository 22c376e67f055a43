using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Optimizer.Rules;

/// <summary>
/// Replaces every operator or function whose operands are all constants by its value, computed by
/// the executor's own kernels (so casts like 90.0 → float8 and now() - interval '1 hour' become
/// literals that later rules and the dictionary fast paths can use). A filter that folds to TRUE
/// is removed.
/// </summary>
public sealed class ConstantFoldingRule : IOptimizerRule
{
    /// <inheritdoc/>
    public string Name => "constant_folding";

    /// <inheritdoc/>
    public LogicalPlan? Apply(LogicalPlan plan)
    {
        LogicalPlan result = Rewrite(plan);
        return ReferenceEquals(result, plan) ? null : result;
    }

    /// <summary>Folds a subtree; returns the same instance when nothing changed.</summary>
    private static LogicalPlan Rewrite(LogicalPlan plan)
    {
        plan = plan.WithRewrittenInputs(Rewrite);

        switch (plan)
        {
            case FilterNode filter:
            {
                BoundExpr predicate = Fold(filter.Predicate);
                if (predicate is BoundLiteral { Value.Value: true })
                {
                    return filter.Input;
                }

                return ReferenceEquals(predicate, filter.Predicate) ? plan : new FilterNode(filter.Input, predicate);
            }

            case JoinNode { Condition: not null } join:
            {
                BoundExpr condition = Fold(join.Condition);
                return ReferenceEquals(condition, join.Condition) ? plan : join.WithCondition(condition);
            }

            case ProjectNode project:
            {
                BoundExpr[] exprs = FoldAll(project.Expressions, out bool any);
                return any ? project.WithExpressions(exprs) : plan;
            }

            case AggregateNode aggregate:
            {
                BoundExpr[] groupBy = FoldAll(aggregate.GroupBy, out bool anyGroup);
                var aggregates = new BoundAggregate[aggregate.Aggregates.Count];
                bool anyAggregate = false;
                for (int i = 0; i < aggregates.Length; i++)
                {
                    // Every child (argument, second argument, ORDER BY keys, FILTER) folds; WithChildren keeps the rest.
                    BoundAggregate a = aggregate.Aggregates[i];
                    BoundExpr[] children = FoldAll(a.Children, out bool childChanged);
                    aggregates[i] = childChanged ? (BoundAggregate)a.WithChildren(children) : a;
                    anyAggregate |= childChanged;
                }

                return anyGroup || anyAggregate ? aggregate.WithExpressions(groupBy, aggregates) : plan;
            }

            default:
                return plan;
        }
    }

    /// <summary>Folds a list.</summary>
    private static BoundExpr[] FoldAll(IReadOnlyList<BoundExpr> exprs, out bool changed)
    {
        changed = false;
        var result = new BoundExpr[exprs.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Fold(exprs[i]);
            changed |= !ReferenceEquals(result[i], exprs[i]);
        }

        return result;
    }

    /// <summary>Folds an expression bottom-up.</summary>
    public static BoundExpr Fold(BoundExpr expr)
    {
        if (expr is BoundLiteral or BoundColumn or BoundAggregate || expr is BoundFunction { Function.IsVolatile: true })
        {
            return expr;
        }

        IReadOnlyList<BoundExpr> children = expr.Children;
        var folded = new BoundExpr[children.Count];
        bool changed = false;
        bool allConstant = true;
        for (int i = 0; i < folded.Length; i++)
        {
            folded[i] = Fold(children[i]);
            changed |= !ReferenceEquals(folded[i], children[i]);
            allConstant &= folded[i] is BoundLiteral;
        }

        BoundExpr node = changed ? expr.WithChildren(folded) : expr;
        // A record is not a literal (its field names and types live on the expression): ROW(1, 2) stays a call.
        return allConstant && node.Type != DataType.Struct ? new BoundLiteral(ConstantEvaluator.Evaluate(node)) : node;
    }
}
