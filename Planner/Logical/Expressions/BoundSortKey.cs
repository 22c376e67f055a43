namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>One key of an ordering inside an aggregate (ORDER BY in the call, or WITHIN GROUP): the expression, direction and NULL placement.</summary>
public sealed record BoundSortKey(BoundExpr Expr, bool Descending, bool NullsFirst)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Expr}{(Descending ? " DESC" : "")}{(NullsFirst != Descending ? (NullsFirst ? " NULLS FIRST" : " NULLS LAST") : "")}";
}
