using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>COALESCE(a, b, ...): the first non-NULL argument; later arguments are evaluated only for rows still NULL.</summary>
public sealed class BoundCoalesce(IReadOnlyList<BoundExpr> args, DataType type) : BoundExpr
{
    /// <summary>The arguments, all of <see cref="Type"/>.</summary>
    public IReadOnlyList<BoundExpr> Args { get; } = args;

    /// <inheritdoc/>
    public override DataType Type { get; } = type;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => Args;

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundCoalesce(children, Type);

    /// <inheritdoc/>
    public override string ToString() => "COALESCE(" + string.Join(", ", Args) + ")";
}
