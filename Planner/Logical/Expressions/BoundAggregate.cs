using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>An aggregate call; it exists only while binding, then becomes a column of the Aggregate node.</summary>
public sealed class BoundAggregate(AggregateKind kind, BoundExpr? argument, bool distinct, DataType type) : BoundExpr
{
    /// <summary>The aggregate.</summary>
    public AggregateKind Kind { get; } = kind;

    /// <summary>The argument, null for count(*).</summary>
    public BoundExpr? Argument { get; } = argument;

    /// <summary>DISTINCT.</summary>
    public bool Distinct { get; } = distinct;

    /// <summary>The ordering key of first(value, key) / last(value, key), else null.</summary>
    public BoundExpr? Ordering { get; init; }

    /// <inheritdoc/>
    public override DataType Type { get; } = type;

    /// <inheritdoc/>
    public override DataType ElementType => Kind == AggregateKind.ArrayAgg ? Argument!.Type : DataType.Null;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => Argument is null ? [] : Ordering is null ? [Argument] : [Argument, Ordering];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) =>
        new BoundAggregate(Kind, children.Count == 0 ? null : children[0], Distinct, Type) { Ordering = children.Count > 1 ? children[1] : null };

    /// <inheritdoc/>
    public override string ToString() => Kind == AggregateKind.CountStar
        ? "count(*)"
        : $"{Kind.ToString().ToLowerInvariant()}({(Distinct ? "DISTINCT " : "")}{Argument}{(Ordering is null ? "" : $", {Ordering}")})";
}
