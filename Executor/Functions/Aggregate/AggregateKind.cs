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

    /// <summary>bit_and(integer): the bitwise AND of the values.</summary>
    BitAnd,

    /// <summary>bit_or(integer): the bitwise OR of the values.</summary>
    BitOr,

    /// <summary>bit_xor(integer): the bitwise exclusive OR of the values.</summary>
    BitXor,

    /// <summary>regr_count(y, x): the number of pairs with both values non-NULL (bigint).</summary>
    RegrCount,

    /// <summary>regr_sxx(y, x): the sum of squares of x about its mean.</summary>
    RegrSxx,

    /// <summary>regr_syy(y, x): the sum of squares of y about its mean.</summary>
    RegrSyy,

    /// <summary>regr_sxy(y, x): the sum of products of the deviations of x and y.</summary>
    RegrSxy,

    /// <summary>regr_avgx(y, x): the mean of x over the pairs.</summary>
    RegrAvgX,

    /// <summary>regr_avgy(y, x): the mean of y over the pairs.</summary>
    RegrAvgY,

    /// <summary>regr_r2(y, x): the square of the correlation coefficient.</summary>
    RegrR2,

    /// <summary>regr_slope(y, x): the least-squares slope of y on x.</summary>
    RegrSlope,

    /// <summary>regr_intercept(y, x): the least-squares intercept of y on x.</summary>
    RegrIntercept,
}
