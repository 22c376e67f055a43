using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>Binary operators after resolution.</summary>
public enum BinaryKind
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

/// <summary>A resolved binary operator over operands of one type (arithmetic, comparison) or booleans (AND/OR).</summary>
public sealed class BoundBinary(BinaryKind kind, BoundExpr left, BoundExpr right) : BoundExpr
{
    /// <summary>The operator.</summary>
    public BinaryKind Kind { get; } = kind;

    /// <summary>Left operand.</summary>
    public BoundExpr Left { get; } = left;

    /// <summary>Right operand.</summary>
    public BoundExpr Right { get; } = right;

    /// <summary>Whether this is a comparison.</summary>
    public bool IsComparison => Kind is >= BinaryKind.Equal and <= BinaryKind.GreaterOrEqual;

    /// <inheritdoc/>
    public override DataType Type => Kind >= BinaryKind.Equal ? DataType.Boolean : Left.Type;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [Left, Right];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundBinary(Kind, children[0], children[1]);

    /// <summary>The SQL spelling of the operator.</summary>
    public static string Symbol(BinaryKind kind) => kind switch
    {
        BinaryKind.Add => "+",
        BinaryKind.Subtract => "-",
        BinaryKind.Multiply => "*",
        BinaryKind.Divide => "/",
        BinaryKind.Modulo => "%",
        BinaryKind.Equal => "=",
        BinaryKind.NotEqual => "<>",
        BinaryKind.Less => "<",
        BinaryKind.LessOrEqual => "<=",
        BinaryKind.Greater => ">",
        BinaryKind.GreaterOrEqual => ">=",
        BinaryKind.And => "AND",
        _ => "OR",
    };

    /// <inheritdoc/>
    public override string ToString() => $"({Left} {Symbol(Kind)} {Right})";
}

/// <summary>NOT x or -x.</summary>
public sealed class BoundUnary(bool not, BoundExpr operand) : BoundExpr
{
    /// <summary>True for NOT, false for unary minus.</summary>
    public bool IsNot { get; } = not;

    /// <summary>The operand.</summary>
    public BoundExpr Operand { get; } = operand;

    /// <inheritdoc/>
    public override DataType Type => IsNot ? DataType.Boolean : Operand.Type;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [Operand];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundUnary(IsNot, children[0]);

    /// <inheritdoc/>
    public override string ToString() => IsNot ? $"(NOT {Operand})" : $"(- {Operand})";
}

/// <summary>CAST(x AS type).</summary>
public sealed class BoundCast(BoundExpr operand, DataType type) : BoundExpr
{
    /// <summary>The operand.</summary>
    public BoundExpr Operand { get; } = operand;

    /// <inheritdoc/>
    public override DataType Type { get; } = type;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [Operand];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundCast(children[0], Type);

    /// <inheritdoc/>
    public override string ToString() => $"CAST({Operand} AS {TypeNames.InternalName(Type)})";
}

/// <summary>x IS [NOT] NULL, or x IS [NOT] TRUE/FALSE when <see cref="Truth"/> is set.</summary>
public sealed class BoundIsTest(BoundExpr operand, bool? truth, bool negated) : BoundExpr
{
    /// <summary>The operand.</summary>
    public BoundExpr Operand { get; } = operand;

    /// <summary>Null for IS NULL; true/false for IS TRUE/FALSE.</summary>
    public bool? Truth { get; } = truth;

    /// <summary>IS NOT.</summary>
    public bool Negated { get; } = negated;

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [Operand];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundIsTest(children[0], Truth, Negated);

    /// <inheritdoc/>
    public override string ToString() => $"({Operand} IS {(Negated ? "NOT " : "")}{(Truth is null ? "NULL" : Truth.Value ? "TRUE" : "FALSE")})";
}

/// <summary>x IN (constants of x's type).</summary>
public sealed class BoundInList(BoundExpr operand, IReadOnlyList<ScalarValue> values) : BoundExpr
{
    /// <summary>The operand.</summary>
    public BoundExpr Operand { get; } = operand;

    /// <summary>The list.</summary>
    public IReadOnlyList<ScalarValue> Values { get; } = values;

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [Operand];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundInList(children[0], Values);

    /// <inheritdoc/>
    public override string ToString()
    {
        var items = new string[Values.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = new BoundLiteral(Values[i]).ToString();
        }

        return $"({Operand} IN ({string.Join(", ", items)}))";
    }
}

/// <summary>x [NOT] LIKE/ILIKE constant pattern.</summary>
public sealed class BoundLike(BoundExpr operand, string pattern, bool negated, bool caseInsensitive) : BoundExpr
{
    /// <summary>The operand.</summary>
    public BoundExpr Operand { get; } = operand;

    /// <summary>The pattern.</summary>
    public string Pattern { get; } = pattern;

    /// <summary>NOT LIKE.</summary>
    public bool Negated { get; } = negated;

    /// <summary>ILIKE.</summary>
    public bool CaseInsensitive { get; } = caseInsensitive;

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [Operand];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundLike(children[0], Pattern, Negated, CaseInsensitive);

    /// <inheritdoc/>
    public override string ToString() => $"({Operand} {(Negated ? "NOT " : "")}{(CaseInsensitive ? "ILIKE" : "LIKE")} '{Pattern}')";
}

/// <summary>A scalar function or operator implemented by an executor <see cref="ScalarFunction"/>.</summary>
public sealed class BoundFunction(ScalarFunction function, IReadOnlyList<BoundExpr> args) : BoundExpr
{
    /// <summary>The implementation.</summary>
    public ScalarFunction Function { get; } = function;

    /// <summary>The arguments, already of the parameter types.</summary>
    public IReadOnlyList<BoundExpr> Args { get; } = args;

    /// <inheritdoc/>
    public override DataType Type => Function.ReturnType;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => Args;

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundFunction(Function, children);

    /// <inheritdoc/>
    public override string ToString() => char.IsLetter(Function.Name[0])
        ? $"{Function.Name}({string.Join(", ", Args)})"
        : $"({Args[0]} {Function.Name} {Args[1]})";
}

/// <summary>An aggregate call; it exists only while binding, then becomes a column of the Aggregate node.</summary>
public sealed class BoundAggregate(AggregateKind kind, BoundExpr? argument, bool distinct, DataType type) : BoundExpr
{
    /// <summary>The aggregate.</summary>
    public AggregateKind Kind { get; } = kind;

    /// <summary>The argument, null for count(*).</summary>
    public BoundExpr? Argument { get; } = argument;

    /// <summary>DISTINCT.</summary>
    public bool Distinct { get; } = distinct;

    /// <inheritdoc/>
    public override DataType Type { get; } = type;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => Argument is null ? [] : [Argument];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) =>
        new BoundAggregate(Kind, children.Count == 0 ? null : children[0], Distinct, Type);

    /// <inheritdoc/>
    public override string ToString() => Kind == AggregateKind.CountStar
        ? "count(*)"
        : $"{Kind.ToString().ToLowerInvariant()}({(Distinct ? "DISTINCT " : "")}{Argument})";
}
