namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>
/// ARRAY(SELECT ...): a one-dimensional array of the subquery's single column, its elements in
/// the subquery's row order (NULLs kept); no row gives an empty array, never NULL.
/// </summary>
public sealed class ArraySubquery(SelectStatement query) : Expr
{
    /// <summary>The subquery.</summary>
    public SelectStatement Query { get; } = query;
}
