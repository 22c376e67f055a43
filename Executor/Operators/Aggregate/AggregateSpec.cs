using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>One aggregate of a hash aggregation: the function, its argument (null for count(*)), DISTINCT and, for first/last, the int64 ordering key.</summary>
public sealed record AggregateSpec(AggregateKind Kind, PhysicalExpr? Argument, bool Distinct, PhysicalExpr? Ordering = null)
{
    /// <summary>The argument type (Null for count(*)).</summary>
    public DataType ArgumentType => Argument?.Type ?? DataType.Null;

    /// <summary>The keys of ORDER BY inside the call or of WITHIN GROUP; empty when the aggregate reads rows in input order.</summary>
    public PhysicalExpr[] OrderKeys { get; init; } = [];

    /// <summary>Direction and NULL placement of each of <see cref="OrderKeys"/> (Column = its index there).</summary>
    public Sort.SortKey[] OrderDirections { get; init; } = [];

    /// <summary>The fraction of percentile_cont / percentile_disc (NaN for NULL).</summary>
    public double Fraction { get; init; }

    /// <summary>FILTER (WHERE ...): a boolean over the input; the aggregate reads only rows where it is true. Null without FILTER.</summary>
    public PhysicalExpr? Filter { get; init; }
}
