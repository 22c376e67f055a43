namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>A prefix operator: "-", "+", "not", "~".</summary>
public sealed class UnaryOp(string op, Expr operand) : Expr
{
    /// <summary>The operator.</summary>
    public string Op { get; } = op;

    /// <summary>The operand.</summary>
    public Expr Operand { get; } = operand;
}

/// <summary>An infix operator: arithmetic, comparison, "and", "or", "||".</summary>
public sealed class BinaryOp(string op, Expr left, Expr right) : Expr
{
    /// <summary>The operator ("and"/"or" for the keywords; "!=" is normalised to "&lt;&gt;").</summary>
    public string Op { get; } = op;

    /// <summary>Left operand.</summary>
    public Expr Left { get; } = left;

    /// <summary>Right operand.</summary>
    public Expr Right { get; } = right;
}

/// <summary>What an IS test checks.</summary>
public enum IsKind
{
    Null,
    True,
    False,
    Unknown,
}

/// <summary>x IS [NOT] NULL / TRUE / FALSE / UNKNOWN (and ISNULL, NOTNULL).</summary>
public sealed class IsTest(Expr operand, IsKind kind, bool negated) : Expr
{
    /// <summary>The operand.</summary>
    public Expr Operand { get; } = operand;

    /// <summary>The test.</summary>
    public IsKind Kind { get; } = kind;

    /// <summary>IS NOT.</summary>
    public bool Negated { get; } = negated;
}

/// <summary>x [NOT] IN (list).</summary>
public sealed class InList(Expr operand, IReadOnlyList<Expr> items, bool negated) : Expr
{
    /// <summary>The operand.</summary>
    public Expr Operand { get; } = operand;

    /// <summary>The list.</summary>
    public IReadOnlyList<Expr> Items { get; } = items;

    /// <summary>NOT IN.</summary>
    public bool Negated { get; } = negated;
}

/// <summary>x [NOT] BETWEEN low AND high.</summary>
public sealed class Between(Expr operand, Expr low, Expr high, bool negated) : Expr
{
    /// <summary>The operand.</summary>
    public Expr Operand { get; } = operand;

    /// <summary>Lower bound.</summary>
    public Expr Low { get; } = low;

    /// <summary>Upper bound.</summary>
    public Expr High { get; } = high;

    /// <summary>NOT BETWEEN.</summary>
    public bool Negated { get; } = negated;
}

/// <summary>x [NOT] LIKE / ILIKE pattern [ESCAPE e].</summary>
public sealed class Like(Expr operand, Expr pattern, Expr? escape, bool negated, bool caseInsensitive) : Expr
{
    /// <summary>The operand.</summary>
    public Expr Operand { get; } = operand;

    /// <summary>The pattern.</summary>
    public Expr Pattern { get; } = pattern;

    /// <summary>The ESCAPE character expression, or null.</summary>
    public Expr? Escape { get; } = escape;

    /// <summary>NOT LIKE.</summary>
    public bool Negated { get; } = negated;

    /// <summary>ILIKE.</summary>
    public bool CaseInsensitive { get; } = caseInsensitive;
}

/// <summary>CAST(x AS type), x::type, or a typed literal type 'text'.</summary>
public sealed class Cast(Expr operand, TypeName type) : Expr
{
    /// <summary>The operand.</summary>
    public Expr Operand { get; } = operand;

    /// <summary>The target type.</summary>
    public TypeName Type { get; } = type;
}
