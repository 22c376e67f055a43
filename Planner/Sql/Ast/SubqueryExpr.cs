namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>What a subquery used as an expression tests or yields.</summary>
public enum SubqueryKind
{
    /// <summary>(SELECT ...): the single value of the single row (NULL when no row).</summary>
    Scalar,

    /// <summary>EXISTS (SELECT ...).</summary>
    Exists,

    /// <summary>x op ANY (SELECT ...), and x IN (SELECT ...) which is x = ANY (...).</summary>
    Any,

    /// <summary>x op ALL (SELECT ...), and x NOT IN (SELECT ...) which is x &lt;&gt; ALL (...).</summary>
    All,
}

/// <summary>
/// A subquery inside an expression: scalar, EXISTS, or a quantified comparison
/// <see cref="Operand"/> <see cref="Operator"/> ANY/ALL. <see cref="Negated"/> marks NOT IN and
/// NOT EXISTS as written, so messages and plans can name them.
/// </summary>
public sealed class SubqueryExpr(SubqueryKind kind, SelectStatement query, Expr? operand, string? op, bool negated) : Expr
{
    /// <summary>What the subquery tests or yields.</summary>
    public SubqueryKind Kind { get; } = kind;

    /// <summary>The subquery.</summary>
    public SelectStatement Query { get; } = query;

    /// <summary>The left operand of IN / ANY / ALL, else null.</summary>
    public Expr? Operand { get; } = operand;

    /// <summary>The comparison operator of ANY / ALL ("=" for IN, "&lt;&gt;" for NOT IN), else null.</summary>
    public string? Operator { get; } = op;

    /// <summary>Written as NOT IN (the ALL form of it).</summary>
    public bool Negated { get; } = negated;
}
