using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// GROUPING(a, b, ...): exists only while binding. Over an aggregation it becomes a column of the
/// grouping-sets union (an int4 whose bit k, counted from the right, is set when the k-th argument
/// from the right is not grouped in the row's grouping set), or the constant 0 under plain GROUP BY.
/// </summary>
public sealed class BoundGrouping(IReadOnlyList<BoundExpr> arguments, int position) : BoundExpr
{
    /// <summary>The arguments; each must be a GROUP BY expression of the same query level.</summary>
    public IReadOnlyList<BoundExpr> Arguments { get; } = arguments;

    /// <summary>0-based offset of the call, where errors about it point.</summary>
    public int Position { get; } = position;

    /// <inheritdoc/>
    public override DataType Type => DataType.Int32;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => Arguments;

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundGrouping(children, Position);

    /// <inheritdoc/>
    public override string ToString() => $"grouping({string.Join(", ", Arguments)})";
}
