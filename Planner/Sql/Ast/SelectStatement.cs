namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>An item of the select list: an expression with an optional alias, or a star.</summary>
public sealed record SelectItem(Expr Expr, string? Alias);

/// <summary>
/// A FROM item: a table [schema.]name [[AS] alias], or, when <see cref="Subquery"/> is set, a
/// subquery (SELECT ...) [AS] alias whose <see cref="Name"/> and <see cref="Alias"/> are the alias.
/// </summary>
public sealed record TableRef(string? Schema, string Name, string? Alias, int Position)
{
    /// <summary>The subquery of (SELECT ...) AS alias, or null for a table.</summary>
    public SelectStatement? Subquery { get; init; }

    /// <summary>For a join tree node (a JOIN b, or a comma list), the join; then the names are empty.</summary>
    public JoinClause? Join { get; init; }

    /// <summary>The column aliases of AS alias (a, b, ...), renaming the first columns in order; null when none.</summary>
    public IReadOnlyList<string>? ColumnAliases { get; init; }

    /// <summary>LATERAL (SELECT ...) alias: the subquery may refer to the FROM items left of it.</summary>
    public bool Lateral { get; init; }

    /// <summary>For a function in FROM (unnest(...) [WITH ORDINALITY] [AS] alias), the call; null otherwise.</summary>
    public FunctionCall? Function { get; init; }

    /// <summary>Whether WITH ORDINALITY follows <see cref="Function"/>: a bigint ordinal column is appended.</summary>
    public bool Ordinality { get; init; }
}

/// <summary>left UNION [ALL] right: the two queries whose rows are combined (<see cref="All"/> keeps duplicates).</summary>
public sealed record SetOperation(SelectStatement Left, SelectStatement Right, bool All, int Position)
{
    /// <summary>UNION (the default), INTERSECT or EXCEPT.</summary>
    public SetOperator Operator { get; init; }
}

/// <summary>The operator of a set operation.</summary>
public enum SetOperator
{
    /// <summary>UNION.</summary>
    Union,

    /// <summary>INTERSECT.</summary>
    Intersect,

    /// <summary>EXCEPT.</summary>
    Except,
}

/// <summary>An ORDER BY item; <see cref="NullsFirst"/> null means the default for the direction.</summary>
public sealed record OrderByItem(Expr Expr, bool Descending, bool? NullsFirst);

/// <summary>SELECT [DISTINCT [ON (exprs)]] list [FROM table] [WHERE] [GROUP BY] [HAVING] [ORDER BY] [LIMIT] [OFFSET].</summary>
public sealed class SelectStatement : Statement
{
    /// <summary>SELECT DISTINCT.</summary>
    public bool Distinct { get; init; }

    /// <summary>The expressions of SELECT DISTINCT ON (...), or null.</summary>
    public IReadOnlyList<Expr>? DistinctOn { get; init; }

    /// <summary>
    /// For a UNION: its two sides; then the select list and the clauses up to HAVING are empty and
    /// ORDER BY / LIMIT / OFFSET apply to the combined rows.
    /// </summary>
    public SetOperation? SetOperation { get; init; }

    /// <summary>The select list.</summary>
    public required IReadOnlyList<SelectItem> Items { get; init; }

    /// <summary>The WITH items in front of this query, visible to it and to its subqueries; empty when none.</summary>
    public IReadOnlyList<CommonTableExpression> With { get; init; } = [];

    /// <summary>The table, or null for SELECT without FROM.</summary>
    public TableRef? From { get; init; }

    /// <summary>WHERE condition.</summary>
    public Expr? Where { get; init; }

    /// <summary>GROUP BY items.</summary>
    public IReadOnlyList<Expr> GroupBy { get; init; } = [];

    /// <summary>HAVING condition.</summary>
    public Expr? Having { get; init; }

    /// <summary>The WINDOW clause's named windows.</summary>
    public IReadOnlyList<WindowDefinition> Windows { get; init; } = [];

    /// <summary>ORDER BY items.</summary>
    public IReadOnlyList<OrderByItem> OrderBy { get; init; } = [];

    /// <summary>LIMIT expression (null: none or ALL).</summary>
    public Expr? Limit { get; init; }

    /// <summary>OFFSET expression.</summary>
    public Expr? OffsetExpr { get; init; }
}

/// <summary>A statement PostgreSQL accepts that is not implemented yet (SET, SHOW, BEGIN, INSERT, ...): executing it is 0A000.</summary>
public sealed class UnsupportedStatement : Statement
{
    /// <summary>The leading keyword(s), upper case, e.g. "SET", naming the feature.</summary>
    public required string Kind { get; init; }
}
