using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// A bind parameter of a known type in a prepared (not executed) plan. Plans that run never hold
/// one: at execution the binder binds each parameter as a constant of its value.
/// </summary>
public sealed class BoundParameter(int index, DataType type, DataType elementType = DataType.Null) : BoundExpr
{
    /// <summary>0-based parameter index ($1 is 0).</summary>
    public int Index { get; } = index;

    /// <inheritdoc/>
    public override DataType Type { get; } = type;

    /// <inheritdoc/>
    public override DataType ElementType { get; } = elementType;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this;

    /// <inheritdoc/>
    public override string ToString() => "$" + (Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
