using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

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
