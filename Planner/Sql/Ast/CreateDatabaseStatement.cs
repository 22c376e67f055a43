namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>CREATE DATABASE name [WITH (retention = 'period')]: an empty database (writes create databases too, as in InfluxDB).</summary>
public sealed class CreateDatabaseStatement : Statement
{
    /// <summary>The database name.</summary>
    public required string Name { get; init; }

    /// <summary>WITH (retention = 'period'): how long the database keeps data; null: forever.</summary>
    public TimeSpan? Retention { get; init; }
}
