namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>DEALLOCATE [PREPARE] {name | ALL}.</summary>
public sealed class DeallocateStatement : Statement
{
    /// <summary>The prepared statement's name; null for ALL.</summary>
    public string? Name { get; init; }
}
