namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>A column reference: [schema.][table.]column, each part folded or quoted as written.</summary>
public sealed class ColumnRef(IReadOnlyList<string> parts) : Expr
{
    /// <summary>The name parts; the last is the column.</summary>
    public IReadOnlyList<string> Parts { get; } = parts;

    /// <summary>The column name.</summary>
    public string Column => Parts[^1];
}

/// <summary>* or table.* in a select list (or count(*)).</summary>
public sealed class Star(string? qualifier) : Expr
{
    /// <summary>The table qualifier of table.*, or null.</summary>
    public string? Qualifier { get; } = qualifier;
}

/// <summary>A function call: name(args), name(DISTINCT args), name(*).</summary>
public sealed class FunctionCall(string name, IReadOnlyList<Expr> args, bool distinct, bool star) : Expr
{
    /// <summary>The function name (folded).</summary>
    public string Name { get; } = name;

    /// <summary>The arguments.</summary>
    public IReadOnlyList<Expr> Args { get; } = args;

    /// <summary>Whether DISTINCT was given.</summary>
    public bool Distinct { get; } = distinct;

    /// <summary>Whether the argument list was (*).</summary>
    public bool StarArgument { get; } = star;

    /// <summary>Whether written without parentheses (CURRENT_TIMESTAMP).</summary>
    public bool NoParentheses { get; init; }

    /// <summary>The ORDER BY inside the argument list of an aggregate (string_agg(x, ',' ORDER BY y)), or null.</summary>
    public IReadOnlyList<OrderByItem>? OrderBy { get; init; }

    /// <summary>The ORDER BY of WITHIN GROUP (...) of an ordered-set aggregate (percentile_cont), or null.</summary>
    public IReadOnlyList<OrderByItem>? WithinGroup { get; init; }

    /// <summary>The condition of an aggregate's FILTER (WHERE ...) without OVER, or null (a window call keeps its own).</summary>
    public Expr? Filter { get; init; }

    /// <summary>This call without its FILTER, to bind the aggregate itself.</summary>
    public FunctionCall WithoutFilter() => new(Name, Args, Distinct, StarArgument)
    {
        Position = Position,
        NoParentheses = NoParentheses,
        OrderBy = OrderBy,
        WithinGroup = WithinGroup,
    };
}
