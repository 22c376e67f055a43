using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// An uncorrelated scalar subquery (SELECT ...) used as a value: its single column's value in its
/// single row, NULL when it has no row; more than one row is 21000 at execution. Evaluated once
/// per execution, whatever the number of rows it is used for.
/// </summary>
public sealed class BoundSubqueryValue(LogicalPlan plan) : BoundExpr
{
    /// <summary>The subquery's plan (one output column).</summary>
    public LogicalPlan Plan { get; } = plan;

    /// <inheritdoc/>
    public override DataType Type => Plan.Schema[0].Type;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this;

    /// <inheritdoc/>
    public override string ToString() => $"(subquery: {Plan.ToString().TrimEnd('\n').Replace("\n", " <- ", StringComparison.Ordinal)})";
}
