namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>ALTER DATABASE name SET retention = 'period' | RESET retention: the database's retention period.</summary>
public sealed class AlterDatabaseStatement : Statement
{
    /// <summary>The database.</summary>
    public required string Name { get; init; }

    /// <summary>The new retention period; null with RESET (keep data forever).</summary>
    public TimeSpan? Retention { get; init; }
}
