using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Operators.Aggregate;
using IOx.Pg.Executor.Operators.Sort;
using IOx.Pg.Planner.Logical.Expressions;

namespace IOx.Pg.Planner.Physical;

/// <summary>Compiles a bound aggregate into its spec: argument, second argument, ordering (ORDER BY in the call, WITHIN GROUP), percentile fraction and FILTER.</summary>
internal static class AggregateOrdering
{
    /// <summary>The specs of <paramref name="aggregates"/>, for the hash and the streaming aggregation alike.</summary>
    public static AggregateSpec[] Specs(IReadOnlyList<BoundAggregate> aggregates)
    {
        var specs = new AggregateSpec[aggregates.Count];
        for (int i = 0; i < specs.Length; i++)
        {
            BoundAggregate a = aggregates[i];
            PhysicalExpr? argument = a.Argument is null ? null : ExpressionCompiler.Compile(a.Argument);
            specs[i] = Apply(new AggregateSpec(a.Kind, argument, a.Distinct, a.Ordering is null ? null : ExpressionCompiler.Compile(a.Ordering)), a) with
            {
                Filter = a.Filter is null ? null : ExpressionCompiler.Compile(a.Filter),
            };
        }

        return specs;
    }

    /// <summary><paramref name="spec"/> with the ordering and fraction of <paramref name="aggregate"/>; the spec itself when it has none.</summary>
    public static AggregateSpec Apply(AggregateSpec spec, BoundAggregate aggregate)
    {
        if (aggregate.OrderBy.Count == 0)
        {
            return spec;
        }

        var keys = new PhysicalExpr[aggregate.OrderBy.Count];
        var directions = new SortKey[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            BoundSortKey key = aggregate.OrderBy[i];
            keys[i] = ExpressionCompiler.Compile(key.Expr);
            directions[i] = new SortKey(i, key.Descending, key.NullsFirst);
        }

        return spec with { OrderKeys = keys, OrderDirections = directions, Fraction = aggregate.Fraction };
    }
}
