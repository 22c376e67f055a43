namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>
/// ROW(e1, ..., en) or (e1, ..., en) with at least two items: an anonymous record whose fields are
/// named f1 ... fn. <see cref="Expr.Position"/> is ROW or the opening parenthesis.
/// </summary>
public sealed class RowConstructor(IReadOnlyList<Expr> items, bool explicitRow) : Expr
{
    /// <summary>The field values, in order (ROW() has none).</summary>
    public IReadOnlyList<Expr> Items { get; } = items;

    /// <summary>Written with the ROW keyword; (a, b) alone is implicit, and in GROUP BY it is a list of keys, not a record.</summary>
    public bool ExplicitRow { get; } = explicitRow;
}
