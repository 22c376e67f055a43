namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>
/// SHOW name | SHOW ALL (and SHOW TIME ZONE, SHOW TRANSACTION ISOLATION LEVEL, ...), and the
/// InfluxDB 3 metadata forms SHOW TABLES, SHOW DATABASES and SHOW COLUMNS FROM table.
/// </summary>
public sealed class ShowStatement : Statement
{
    /// <summary>The parameter, lower case, or "all".</summary>
    public required string Name { get; init; }

    /// <summary>For SHOW COLUMNS: the table named after FROM/IN (case kept when quoted); otherwise null.</summary>
    public string? Table { get; init; }
}
