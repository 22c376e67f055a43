using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

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
