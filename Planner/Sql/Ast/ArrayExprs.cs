namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>ARRAY[e1, e2, ...]: a one-dimensional array of the elements' common type.</summary>
public sealed class ArrayConstructor(IReadOnlyList<Expr> elements) : Expr
{
    /// <summary>The elements, possibly none (then a cast must give the type).</summary>
    public IReadOnlyList<Expr> Elements { get; } = elements;
}

/// <summary>
/// operand[index] or operand[lower:upper] (a slice; either bound may be omitted). Subscripts are
/// 1-based; an index out of range is NULL, a slice is clipped to the array.
/// </summary>
public sealed class ArraySubscript(Expr operand, Expr? lower, Expr? upper, bool slice) : Expr
{
    /// <summary>The array.</summary>
    public Expr Operand { get; } = operand;

    /// <summary>The index, or a slice's lower bound (null: from the start).</summary>
    public Expr? Lower { get; } = lower;

    /// <summary>A slice's upper bound (null: to the end); null for a plain index.</summary>
    public Expr? Upper { get; } = upper;

    /// <summary>Whether this is a slice [lower:upper].</summary>
    public bool Slice { get; } = slice;
}

/// <summary>left op ANY|SOME|ALL (array): op applied to left and each element, combined with OR (ANY) or AND (ALL).</summary>
public sealed class ArrayQuantified(Expr left, string op, bool all, Expr array) : Expr
{
    /// <summary>The scalar operand.</summary>
    public Expr Left { get; } = left;

    /// <summary>The comparison operator (= &lt;&gt; &lt; ...).</summary>
    public string Op { get; } = op;

    /// <summary>ALL rather than ANY/SOME.</summary>
    public bool All { get; } = all;

    /// <summary>The array operand.</summary>
    public Expr Array { get; } = array;
}
