namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>One item of WITH: name [(column aliases)] AS (query).</summary>
public sealed record CommonTableExpression(string Name, IReadOnlyList<string>? ColumnAliases, SelectStatement Query, int Position)
{
    /// <summary>Written in WITH RECURSIVE: the query may read its own rows (anchor UNION [ALL] recursive term).</summary>
    public bool Recursive { get; init; }
}
