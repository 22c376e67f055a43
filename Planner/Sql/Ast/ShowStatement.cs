namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>SHOW name | SHOW ALL (and SHOW TIME ZONE, SHOW TRANSACTION ISOLATION LEVEL, ...).</summary>
public sealed class ShowStatement : Statement
{
    /// <summary>The parameter, lower case, or "all".</summary>
    public required string Name { get; init; }
}
