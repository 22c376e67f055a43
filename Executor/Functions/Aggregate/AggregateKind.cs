using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>The aggregate functions.</summary>
public enum AggregateKind
{
    CountStar,
    Count,
    Sum,
    Avg,
    Min,
    Max,
    First,
    Last,

    /// <summary>var_samp / variance.</summary>
    VarSamp,

    /// <summary>var_pop.</summary>
    VarPop,

    /// <summary>stddev_samp / stddev.</summary>
    StddevSamp,

    /// <summary>stddev_pop.</summary>
    StddevPop,

    /// <summary>bool_and / every.</summary>
    BoolAnd,

    /// <summary>bool_or.</summary>
    BoolOr,

    /// <summary>string_agg(text, delimiter).</summary>
    StringAgg,

    /// <summary>array_agg(value): an array of the group's values.</summary>
    ArrayAgg,
}
