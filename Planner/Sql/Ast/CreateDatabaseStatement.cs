namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>CREATE DATABASE name: an empty database (writes create databases too, as in InfluxDB).</summary>
public sealed class CreateDatabaseStatement : Statement
{
    /// <summary>The database name.</summary>
    public required string Name { get; init; }
}
