namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>RESET name | RESET ALL: back to the session's default value (the connect-time one).</summary>
public sealed class ResetStatement : Statement
{
    /// <summary>The parameter, lower case; null for RESET ALL.</summary>
    public string? Name { get; init; }
}
