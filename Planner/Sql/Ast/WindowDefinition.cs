namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>WINDOW name AS (spec): a named window of the SELECT's WINDOW clause.</summary>
public sealed record WindowDefinition(string Name, WindowSpec Spec, int Position);
