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

    /// <summary>The ORDER BY inside the call or of WITHIN GROUP; the rows reach the accumulator in this order (empty: input order).</summary>
    public IReadOnlyList<BoundSortKey> OrderBy { get; init; } = [];

    /// <summary>The constant fraction of percentile_cont / percentile_disc (NaN when it is NULL).</summary>
    public double Fraction { get; init; }

    /// <inheritdoc/>
    public override DataType ElementType => Kind == AggregateKind.ArrayAgg ? Argument!.Type : DataType.Null;

    /// <summary>The condition of FILTER (WHERE ...): the aggregate reads only rows where it is true; null without FILTER.</summary>
    public BoundExpr? Filter { get; private init; }

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => Filter is null ? OrderedChildrenList : [.. OrderedChildrenList, Filter];

    /// <summary>The argument, second argument and ORDER BY keys (everything but the filter).</summary>
    private IReadOnlyList<BoundExpr> OrderedChildrenList => OrderBy.Count == 0 ? BaseChildren : OrderedChildren.With(BaseChildren, OrderBy);

    /// <summary>The argument and second argument.</summary>
    private IReadOnlyList<BoundExpr> BaseChildren => Argument is null ? [] : Ordering is null ? [Argument] : [Argument, Ordering];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children)
    {
        BoundExpr? filter = Filter is null ? null : children[^1];
        if (filter is not null)
        {
            children = [.. children.Take(children.Count - 1)];
        }

        int count = children.Count - OrderBy.Count;
        return new BoundAggregate(Kind, count == 0 ? null : children[0], Distinct, Type)
        {
            Ordering = count > 1 ? children[1] : null,
            OrderBy = OrderBy.Count == 0 ? OrderBy : OrderedChildren.Keys(OrderBy, children, count),
            Fraction = Fraction,
            Filter = filter,
        };
    }

    /// <summary>This aggregate reading only the rows where <paramref name="filter"/> is true.</summary>
    public BoundAggregate WithFilter(BoundExpr filter) => new(Kind, Argument, Distinct, Type)
    {
        Ordering = Ordering,
        OrderBy = OrderBy,
        Fraction = Fraction,
        Filter = filter,
    };

    /// <inheritdoc/>
    public override string ToString() => (Kind == AggregateKind.CountStar
        ? "count(*)"
        : $"{Kind.ToString().ToLowerInvariant()}({(Distinct ? "DISTINCT " : "")}{OrderedChildren.Prefix(this)}{Argument}{(Ordering is null ? "" : $", {Ordering}")}{OrderedChildren.Suffix(this)})")
        + (Filter is null ? "" : $" FILTER (WHERE {Filter})");
}
