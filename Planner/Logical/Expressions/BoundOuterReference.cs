using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// In a subquery, a reference to a column (or expression) of the enclosing query. It only lives
/// while the subquery is bound: decorrelation replaces the equalities holding it with join keys,
/// and any reference left over is 0A000, so it never reaches a plan that runs.
/// </summary>
public sealed class BoundOuterReference(BoundExpr outer) : BoundExpr
{
    /// <summary>The expression in the enclosing query's terms.</summary>
    public BoundExpr Outer { get; } = outer;

    /// <inheritdoc/>
    public override DataType Type => Outer.Type;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this;

    /// <inheritdoc/>
    public override string ToString() => $"outer({Outer})";
}
