using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// Resolves aggregates by argument type with PostgreSQL's result types and makes their
/// accumulators: count → bigint; sum(smallint|integer) → bigint, sum(bigint|numeric) → numeric,
/// sum(real) → real, sum(double precision) → double precision; avg(integers|numeric) → numeric,
/// avg(floats) → double precision; min/max keep the type (numbers, text, timestamps, dates);
/// variance and stddev → double precision for floats, numeric (PostgreSQL's scale rules) for exact inputs;
/// bool_and/bool_or → boolean.
/// </summary>
public static class AggregateFunctions
{
    /// <summary>The result type of <paramref name="kind"/> over <paramref name="argType"/>, or null when no such aggregate exists.</summary>
    public static DataType? ResultType(AggregateKind kind, DataType argType) => kind switch
    {
        AggregateKind.CountStar or AggregateKind.Count => DataType.Int64,
        AggregateKind.Sum => argType switch
        {
            DataType.Int16 or DataType.Int32 => DataType.Int64,
            DataType.Int64 or DataType.Numeric or DataType.UInt64 => DataType.Numeric,
            DataType.Float32 => DataType.Float32,
            DataType.Float64 => DataType.Float64,
            _ => null,
        },
        AggregateKind.Avg => argType switch
        {
            DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Numeric or DataType.UInt64 => DataType.Numeric,
            DataType.Float32 or DataType.Float64 => DataType.Float64,
            _ => null,
        },
        AggregateKind.First or AggregateKind.Last => argType == DataType.Null ? null : argType,
        AggregateKind.VarSamp or AggregateKind.VarPop or AggregateKind.StddevSamp or AggregateKind.StddevPop => argType switch
        {
            DataType.Float32 or DataType.Float64 => DataType.Float64,
            DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Numeric or DataType.UInt64 => DataType.Numeric,
            _ => null,
        },
        AggregateKind.BoolAnd or AggregateKind.BoolOr => argType == DataType.Boolean ? DataType.Boolean : null,
        AggregateKind.StringAgg => argType == DataType.Utf8 ? DataType.Utf8 : null,
        AggregateKind.SelectorFirst or AggregateKind.SelectorLast or AggregateKind.SelectorMin or AggregateKind.SelectorMax => argType switch
        {
            DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.UInt64 or DataType.Float32 or DataType.Float64 or DataType.Numeric
                or DataType.Utf8 or DataType.Boolean or DataType.Timestamp or DataType.TimestampNoTz or DataType.Date => argType,
            _ => null,
        },
        AggregateKind.SelectorFirstTime or AggregateKind.SelectorLastTime or AggregateKind.SelectorMinTime or AggregateKind.SelectorMaxTime =>
            argType is DataType.Timestamp or DataType.TimestampNoTz ? argType : null,
        AggregateKind.ApproxDistinct => DataType.Int64,
        AggregateKind.Corr or AggregateKind.CovarPop or AggregateKind.CovarSamp => argType == DataType.Float64 ? DataType.Float64 : null,
        AggregateKind.BitAnd or AggregateKind.BitOr or AggregateKind.BitXor => argType is DataType.Int16 or DataType.Int32 or DataType.Int64 ? argType : null,
        AggregateKind.RegrCount => argType == DataType.Float64 ? DataType.Int64 : null,
        AggregateKind.RegrSxx or AggregateKind.RegrSyy or AggregateKind.RegrSxy or AggregateKind.RegrAvgX or AggregateKind.RegrAvgY
            or AggregateKind.RegrR2 or AggregateKind.RegrSlope or AggregateKind.RegrIntercept => argType == DataType.Float64 ? DataType.Float64 : null,
        AggregateKind.ApproxPercentileCont => TypeIsNumber(argType) ? DataType.Float64 : null,
        AggregateKind.ArrayAgg => argType is DataType.List or DataType.Null ? null : DataType.List,
        _ => argType switch
        {
            DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Float32 or DataType.Float64 or DataType.Numeric
                or DataType.Utf8 or DataType.Timestamp or DataType.TimestampNoTz or DataType.Date => argType,
            DataType.UInt64 => DataType.UInt64,
            _ => null,
        },
    };

    /// <summary>A fresh accumulator.</summary>
    public static Accumulator Create(AggregateKind kind, DataType argType, bool distinct)
    {
        if (distinct && kind == AggregateKind.Count)
        {
            return new CountDistinctAccumulator();
        }

        if (SelectorAccumulator.IsSelector(kind))
        {
            return new SelectorAccumulator(kind, argType);
        }

        bool max = kind == AggregateKind.Max;
        return kind switch
        {
            AggregateKind.ApproxDistinct => new ApproxDistinctAccumulator(),
            AggregateKind.BitAnd or AggregateKind.BitOr or AggregateKind.BitXor => new BitwiseAccumulator(kind, argType),
            AggregateKind.Corr or AggregateKind.CovarPop or AggregateKind.CovarSamp or AggregateKind.RegrCount or AggregateKind.RegrSxx
                or AggregateKind.RegrSyy or AggregateKind.RegrSxy or AggregateKind.RegrAvgX or AggregateKind.RegrAvgY or AggregateKind.RegrR2
                or AggregateKind.RegrSlope or AggregateKind.RegrIntercept => new CovarianceAccumulator(kind),
            AggregateKind.ApproxPercentileCont => new ApproxPercentileAccumulator(),
            AggregateKind.First or AggregateKind.Last => new FirstLastAccumulator(argType, kind == AggregateKind.Last),
            AggregateKind.CountStar => new CountAccumulator(star: true),
            AggregateKind.VarSamp or AggregateKind.VarPop or AggregateKind.StddevSamp or AggregateKind.StddevPop => argType is DataType.Float32 or DataType.Float64
                ? new FloatVarianceAccumulator(
                    sample: kind is AggregateKind.VarSamp or AggregateKind.StddevSamp,
                    root: kind is AggregateKind.StddevSamp or AggregateKind.StddevPop)
                : new NumericVarianceAccumulator(
                    sample: kind is AggregateKind.VarSamp or AggregateKind.StddevSamp,
                    root: kind is AggregateKind.StddevSamp or AggregateKind.StddevPop),
            AggregateKind.BoolAnd or AggregateKind.BoolOr => new BoolAndOrAccumulator(and: kind == AggregateKind.BoolAnd),
            AggregateKind.StringAgg => new StringAggAccumulator(),
            AggregateKind.ArrayAgg => new ArrayAggAccumulator(argType, distinct),
            AggregateKind.Count => new CountAccumulator(star: false),
            AggregateKind.Sum or AggregateKind.Avg => argType switch
            {
                DataType.Int16 or DataType.Int32 or DataType.Int64 => new IntegerSumAccumulator(argType, kind == AggregateKind.Avg),
                DataType.Float32 or DataType.Float64 => new FloatSumAccumulator(argType, kind == AggregateKind.Avg),
                _ => new NumericSumAccumulator(kind == AggregateKind.Avg),
            },
            _ => argType switch
            {
                DataType.Int16 => new MinMaxAccumulator<short>(argType, max),
                DataType.Int32 or DataType.Date => new MinMaxAccumulator<int>(argType, max),
                DataType.Int64 or DataType.Timestamp or DataType.TimestampNoTz => new MinMaxAccumulator<long>(argType, max),
                DataType.UInt64 => new MinMaxAccumulator<ulong>(argType, max),
                DataType.Float32 => new MinMaxAccumulator<float>(argType, max),
                DataType.Float64 => new MinMaxAccumulator<double>(argType, max),
                DataType.Numeric => new MinMaxAccumulator<decimal>(argType, max),
                _ => new TextMinMaxAccumulator(max),
            },
        };
    }

    /// <summary>Whether <paramref name="type"/> is a number (the approximate percentiles' inputs).</summary>
    private static bool TypeIsNumber(DataType type) =>
        type is DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.UInt64 or DataType.Float32 or DataType.Float64 or DataType.Numeric;
}
