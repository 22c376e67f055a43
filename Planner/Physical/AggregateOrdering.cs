using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Operators.Aggregate;
using IOx.Pg.Executor.Operators.Sort;
using IOx.Pg.Planner.Logical.Expressions;

namespace IOx.Pg.Planner.Physical;

/// <summary>Compiles the ordering of an aggregate (ORDER BY in the call, WITHIN GROUP) and its percentile fraction into its spec.</summary>
internal static class AggregateOrdering
{
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
