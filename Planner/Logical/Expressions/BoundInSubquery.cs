using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// x IN (uncorrelated subquery) as a value (outside a WHERE conjunct, where it is a semi join):
/// the subquery's single column, of x's type, is read once per execution into a value set and
/// tested with IN's NULL rules. NOT IN is NOT over it.
/// </summary>
public sealed class BoundInSubquery(BoundExpr operand, LogicalPlan plan) : BoundExpr
{
    /// <summary>The tested value.</summary>
    public BoundExpr Operand { get; } = operand;

    /// <summary>The subquery's plan (one column, of the operand's type).</summary>
    public LogicalPlan Plan { get; } = plan;

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [Operand];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundInSubquery(children[0], Plan);

    /// <inheritdoc/>
    public override string ToString() => $"({Operand} IN (subquery: {Plan.ToString().TrimEnd('\n').Replace("\n", " <- ", StringComparison.Ordinal)}))";
}
