namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>EXECUTE name [(argument, ...)].</summary>
public sealed class ExecuteStatement : Statement
{
    /// <summary>The prepared statement's name (folded).</summary>
    public required string Name { get; init; }

    /// <summary>The argument expressions.</summary>
    public required IReadOnlyList<Expr> Arguments { get; init; }
}
