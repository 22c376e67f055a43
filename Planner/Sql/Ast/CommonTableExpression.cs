namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>One item of WITH: name [(column aliases)] AS (query).</summary>
public sealed record CommonTableExpression(string Name, IReadOnlyList<string>? ColumnAliases, SelectStatement Query, int Position);
