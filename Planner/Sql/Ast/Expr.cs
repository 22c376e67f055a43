namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>A parsed expression. <see cref="Position"/> is the 0-based offset in the whole query string of the token errors point at.</summary>
public abstract class Expr
{
    /// <summary>0-based offset of the expression's significant token.</summary>
    public int Position { get; init; }
}
