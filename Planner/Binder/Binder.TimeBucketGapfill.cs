using IOx.Pg.Executor.Functions.Temporal;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// TimescaleDB's time_bucket_gapfill(bucket_width, time[, start[, finish]]): a gap-filling GROUP BY
/// key like date_bin_gapfill, with Timescale's rules where they differ. Buckets align to Monday
/// 2000-01-03 (time_bucket's default origin). The range is [start, finish): an explicit start or
/// finish wins, a missing (or NULL) one is inferred from the WHERE clause's comparisons of the time
/// column with constants, and one that cannot be inferred is Timescale's error. locf(agg) keeps
/// Timescale's default treat_null_as_missing = false: an existing bucket whose aggregate is NULL is
/// a value, carried forward as NULL (InfluxDB's locf skips it). interpolate(agg) is shared with
/// date_bin_gapfill. The time must be timestamptz (the time column is); timestamp, date and a
/// time-zone argument are 0A000.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Binds a time_bucket_gapfill call.</summary>
    private BoundExpr BindTimeBucketGapfill(FunctionCall call, Clause clause)
    {
        if (call.StarArgument || call.Distinct)
        {
            throw new SqlException(SqlState.WrongObjectType, $"{(call.StarArgument ? $"{call.Name}(*)" : "DISTINCT")} specified, but {call.Name} is not an aggregate function", call.Position + 1);
        }

        if (clause is not (Clause.Select or Clause.GroupBy or Clause.OrderBy))
        {
            throw new SqlException(SqlState.GroupingError, $"{call.Name} is only allowed as a GROUP BY key", call.Position + 1);
        }

        var args = new List<BoundExpr>();
        foreach (Expr a in call.Args)
        {
            args.Add(Bind(a, clause));
        }

        if (args.Count is < 2 or > 4)
        {
            throw FunctionError(call, ArgumentTypes(call, clause));
        }

        // TimescaleDB also buckets smallint / integer / bigint time (an integer width); not built.
        if (args[1].Type is DataType.TimestampNoTz or DataType.Date or DataType.Int16 or DataType.Int32 or DataType.Int64)
        {
            throw SqlException.NotSupported($"time_bucket_gapfill over {TypeNames.SqlName(args[1].Type)}", call.Args[1].Position + 1);
        }

        if (args.Count > 2 && args[2].Type == DataType.Utf8 && args[2] is not BoundLiteral { IsUnknown: true })
        {
            throw SqlException.NotSupported("time_bucket_gapfill with a time zone", call.Args[2].Position + 1);
        }

        var bound = new BoundExpr[args.Count];
        bound[0] = Coerce(args[0], DataType.Interval, call.Args[0].Position)!;
        for (int i = 1; i < args.Count; i++)
        {
            bound[i] = Coerce(args[i], DataType.Timestamp, call.Args[i].Position)!;
        }

        for (int i = 0; i < bound.Length; i++)
        {
            if (bound[i]?.Type != (i == 0 ? DataType.Interval : DataType.Timestamp) && bound[i]?.Type != DataType.Null)
            {
                throw FunctionError(call, ArgumentTypes(call, clause));
            }
        }

        for (int i = 2; i < bound.Length; i++)
        {
            if (!ConstantEvaluator.IsConstant(bound[i]))
            {
                throw SqlException.NotSupported($"time_bucket_gapfill with a {(i == 2 ? "start" : "finish")} that is not a constant", call.Args[i].Position + 1);
            }

            if (bound[i].Type == DataType.Null)
            {
                bound[i] = new BoundLiteral(ScalarValue.Null(DataType.Timestamp));
            }
        }

        return new BoundFunction(new TimeBucketGapfillFunction(), bound);
    }

    /// <summary>
    /// The admitted time range [lower, upper] of a time_bucket_gapfill key: explicit start (inclusive)
    /// and finish (exclusive) arguments first, else the WHERE clause's bounds; <c>Empty</c> when
    /// nothing can be admitted.
    /// </summary>
    private static (long Lower, long Upper, bool Empty) TimescaleTimeBounds(BoundExpr? where, BoundFunction key)
    {
        long? start = key.Args.Count > 2 ? ConstantEvaluator.Evaluate(key.Args[2]).Value as long? : null;
        long? finish = key.Args.Count > 3 ? ConstantEvaluator.Evaluate(key.Args[3]).Value as long? : null;
        (long lower, bool hasLower, long upper, bool hasUpper, bool empty) = ScanTimeBounds(where, key.Args[1].ToString());
        if (start is null && !hasLower)
        {
            throw new SqlException(SqlState.FeatureNotSupported, "missing time_bucket_gapfill argument: could not infer start from WHERE clause",
                hint: "Specify start and finish as arguments or in the WHERE clause.");
        }

        if (finish is null && !hasUpper)
        {
            throw new SqlException(SqlState.FeatureNotSupported, "missing time_bucket_gapfill argument: could not infer finish from WHERE clause",
                hint: "Specify start and finish as arguments or in the WHERE clause.");
        }

        if (start is long s)
        {
            lower = s;
        }

        if (finish is long f)
        {
            empty |= f == long.MinValue;
            upper = f == long.MinValue ? f : f - 1;
        }

        return (lower, upper, empty || lower > upper);
    }
}
