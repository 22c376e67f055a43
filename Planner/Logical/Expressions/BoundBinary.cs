using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

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
