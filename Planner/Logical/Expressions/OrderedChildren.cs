using IOx.Pg.Executor.Functions.Aggregate;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>How a <see cref="BoundAggregate"/> with an ordering lists, rebuilds and prints its sort keys.</summary>
internal static class OrderedChildren
{
    /// <summary>The base children followed by the sort key expressions.</summary>
    public static IReadOnlyList<BoundExpr> With(IReadOnlyList<BoundExpr> children, IReadOnlyList<BoundSortKey> keys)
    {
        var all = new BoundExpr[children.Count + keys.Count];
        for (int i = 0; i < children.Count; i++)
        {
            all[i] = children[i];
        }

        for (int i = 0; i < keys.Count; i++)
        {
            all[children.Count + i] = keys[i].Expr;
        }

        return all;
    }

    /// <summary>The sort keys over rewritten expressions (those after the first <paramref name="start"/> children).</summary>
    public static IReadOnlyList<BoundSortKey> Keys(IReadOnlyList<BoundSortKey> keys, IReadOnlyList<BoundExpr> children, int start)
    {
        var rebuilt = new BoundSortKey[keys.Count];
        for (int i = 0; i < rebuilt.Length; i++)
        {
            rebuilt[i] = keys[i] with { Expr = children[start + i] };
        }

        return rebuilt;
    }

    /// <summary>The fraction of a percentile, printed before its argument.</summary>
    public static string Prefix(BoundAggregate aggregate) => aggregate.Kind is AggregateKind.PercentileCont or AggregateKind.PercentileDisc
        ? $"{aggregate.Fraction.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, "
        : "";

    /// <summary>" ORDER BY keys" when the aggregate has an ordering.</summary>
    public static string Suffix(BoundAggregate aggregate) => aggregate.OrderBy.Count == 0 ? "" : $" ORDER BY {string.Join(", ", aggregate.OrderBy)}";
}
