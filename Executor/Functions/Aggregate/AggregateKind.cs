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

    /// <summary>percentile_cont(fraction) WITHIN GROUP (ORDER BY x): interpolated, float8 or interval.</summary>
    PercentileCont,

    /// <summary>percentile_disc(fraction) WITHIN GROUP (ORDER BY x): the first value whose position reaches the fraction.</summary>
    PercentileDisc,

    /// <summary>mode() WITHIN GROUP (ORDER BY x): the most frequent value, the first in order among ties.</summary>
    Mode,

    /// <summary>InfluxDB 3's selector_first(value, time)['value']; the time is the second argument.</summary>
    SelectorFirst,

    /// <summary>selector_last(value, time)['value'].</summary>
    SelectorLast,

    /// <summary>selector_min(value, time)['value'].</summary>
    SelectorMin,

    /// <summary>selector_max(value, time)['value'].</summary>
    SelectorMax,

    /// <summary>selector_first(value, time)['time']: the argument is the time, the second argument the value.</summary>
    SelectorFirstTime,

    /// <summary>selector_last(value, time)['time'] (argument: time, second: value).</summary>
    SelectorLastTime,

    /// <summary>selector_min(value, time)['time'] (argument: time, second: value).</summary>
    SelectorMinTime,

    /// <summary>selector_max(value, time)['time'] (argument: time, second: value).</summary>
    SelectorMaxTime,

    /// <summary>approx_distinct(x): HyperLogLog distinct count.</summary>
    ApproxDistinct,

    /// <summary>approx_percentile_cont(x, p) and approx_median(x) (p = 0.5); the second argument is the constant p.</summary>
    ApproxPercentileCont,

    /// <summary>array_agg(value): an array of the group's values.</summary>
    ArrayAgg,

    /// <summary>corr(y, x); x is the second argument.</summary>
    Corr,

    /// <summary>covar_pop(y, x).</summary>
    CovarPop,

    /// <summary>covar_samp(y, x) (InfluxDB 3's covar).</summary>
    CovarSamp,
}
