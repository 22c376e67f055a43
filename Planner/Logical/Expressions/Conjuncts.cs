namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>Helpers for predicates as lists of AND-ed parts, and for the input columns an expression reads.</summary>
public static class Conjuncts
{
    /// <summary>The AND-ed parts of <paramref name="predicate"/> (one part when it is not an AND).</summary>
    public static List<BoundExpr> Split(BoundExpr? predicate)
    {
        var parts = new List<BoundExpr>();
        if (predicate is not null)
        {
            Add(predicate, parts);
        }

        return parts;
    }

    /// <summary>The parts AND-ed together, or null for none.</summary>
    public static BoundExpr? Combine(IReadOnlyList<BoundExpr> parts)
    {
        BoundExpr? result = null;
        foreach (BoundExpr part in parts)
        {
            result = result is null ? part : new BoundBinary(BinaryKind.And, result, part);
        }

        return result;
    }

    /// <summary>
    /// The lowest and highest input column index read by <paramref name="expr"/>, or (int.MaxValue,
    /// -1) when it reads none. An expression holding a <see cref="BoundSubqueryValue"/> reads
    /// nothing of the input through it (the subquery is uncorrelated).
    /// </summary>
    public static (int Min, int Max) ColumnRange(BoundExpr expr)
    {
        int min = int.MaxValue;
        int max = -1;
        expr.Any(e =>
        {
            if (e is BoundColumn c)
            {
                min = Math.Min(min, c.Index);
                max = Math.Max(max, c.Index);
            }

            return false;
        });
        return (min, max);
    }

    /// <summary>Whether every column <paramref name="expr"/> reads lies in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static bool ReadsOnly(BoundExpr expr, int from, int to)
    {
        (int min, int max) = ColumnRange(expr);
        return max < 0 || (min >= from && max < to);
    }

    /// <summary><paramref name="expr"/> with every column index moved by <paramref name="delta"/>.</summary>
    public static BoundExpr Shift(BoundExpr expr, int delta) => delta == 0 ? expr : expr.Rewrite(e =>
        e is BoundColumn c ? new BoundColumn(c.Index + delta, c.Type, c.Name, c.ElementType) { Position = c.Position } : null);

    /// <summary>Adds the parts of an AND tree.</summary>
    private static void Add(BoundExpr e, List<BoundExpr> parts)
    {
        if (e is BoundBinary { Kind: BinaryKind.And } and)
        {
            Add(and.Left, parts);
            Add(and.Right, parts);
        }
        else
        {
            parts.Add(e);
        }
    }
}
