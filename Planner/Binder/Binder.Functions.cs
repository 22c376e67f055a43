using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Functions.Numeric;
using IOx.Pg.Executor.Functions.Temporal;
using IOx.Pg.Executor.Functions.Text;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>Function resolution: aggregates, now(), date_bin, abs, lower, upper, length.</summary>
public sealed partial class Binder
{
    /// <summary>variance and stddev: double precision over floats, numeric over integers and numeric, as PostgreSQL.</summary>
    private BoundExpr BindStatisticalAggregate(FunctionCall call, AggregateKind kind, Clause clause) => BindAggregate(call, kind, clause);

    /// <summary>Binds a call by name and argument types.</summary>
    private BoundExpr BindFunction(FunctionCall call, Clause clause)
    {
        if (IsNthValueAggregate(call))
        {
            return BindNthValueAggregate(call, clause);
        }

        if (IsFirstLastValueAggregate(call))
        {
            return BindFirstLastValueAggregate(call, clause);
        }

        if (IsMedianAggregate(call))
        {
            return BindMedianAggregate(call, clause);
        }

        if (call.Filter is not null)
        {
            return BindFilteredAggregate(call, clause, plain => BindFunction(plain, clause));
        }

        if (BindOrderedAggregateCall(call, clause) is BoundExpr ordered)
        {
            return ordered;
        }

        if (BindSetFunction(call, clause) is BoundExpr setReturning)
        {
            return setReturning;
        }

        switch (call.Name)
        {
            case "count":
                return BindAggregate(call, AggregateKind.Count, clause);
            case "sum":
                return BindAggregate(call, AggregateKind.Sum, clause);
            case "avg":
                return BindAggregate(call, AggregateKind.Avg, clause);
            case "min":
                return BindAggregate(call, AggregateKind.Min, clause);
            case "max":
                return BindAggregate(call, AggregateKind.Max, clause);
            case "variance" or "var_samp" or "var" or "var_sample":
                return BindStatisticalAggregate(call, AggregateKind.VarSamp, clause);
            case "var_pop" or "var_population":
                return BindStatisticalAggregate(call, AggregateKind.VarPop, clause);
            case "stddev" or "stddev_samp":
                return BindStatisticalAggregate(call, AggregateKind.StddevSamp, clause);
            case "stddev_pop":
                return BindStatisticalAggregate(call, AggregateKind.StddevPop, clause);
            case "bool_and" or "every":
                return BindAggregate(call, AggregateKind.BoolAnd, clause);
            case "bool_or":
                return BindAggregate(call, AggregateKind.BoolOr, clause);
            case "bit_and":
                return BindAggregate(call, AggregateKind.BitAnd, clause);
            case "bit_or":
                return BindAggregate(call, AggregateKind.BitOr, clause);
            case "bit_xor":
                return BindAggregate(call, AggregateKind.BitXor, clause);
            case "array_agg":
                return BindAggregate(call, AggregateKind.ArrayAgg, clause);
            case "corr" or "covar_pop" or "covar_samp" or "covar" or "regr_count" or "regr_sxx" or "regr_syy" or "regr_sxy"
                or "regr_avgx" or "regr_avgy" or "regr_r2" or "regr_slope" or "regr_intercept" when call.Args.Count == 2 && !call.StarArgument && !call.Distinct:
                return BindCovariance(call, clause);
            case "string_agg" when call.Args.Count == 2 && !call.StarArgument:
                return BindStringAgg(call, clause);
            case "first" or "last" when call.Args.Count == 2 && !call.StarArgument && !call.Distinct:
                return BindFirstLast(call, clause);
            case "grouping":
                return BindGroupingCall(call, clause);
            case "date_bin_gapfill" or "date_bin_wallclock_gapfill" or "locf" or "interpolate":
                return BindGapFillFunction(call, clause);
            case "time_bucket_gapfill":
                return BindTimeBucketGapfill(call, clause);
            case "selector_first" or "selector_last" or "selector_min" or "selector_max":
                return BindSelector(call, clause, access: null);
            case "approx_distinct" or "approx_median" or "approx_percentile_cont":
                return BindApprox(call, clause);
        }

        if (UnbuiltFunctions.Contains(call.Name))
        {
            throw SqlException.NotSupported($"function {call.Name}", call.Position + 1);
        }

        if (call.StarArgument)
        {
            throw new SqlException(SqlState.WrongObjectType, $"{call.Name}(*) specified, but {call.Name} is not an aggregate function", call.Position + 1);
        }

        if (call.Distinct)
        {
            throw new SqlException(SqlState.WrongObjectType, $"DISTINCT specified, but {call.Name} is not an aggregate function", call.Position + 1);
        }

        var args = new List<BoundExpr>();
        foreach (Expr a in call.Args)
        {
            args.Add(Bind(a, clause));
        }

        BoundExpr? special = BindConditionalFunction(call, args) ?? BindByteaFunction(call, args) ?? BindMathFunction(call, args) ?? BindTextFunction(call, args) ?? BindTemporalFunction(call, args)
            ?? BindReportingFunction(call, args) ?? BindRegexpFunction(call, args) ?? BindArrayFunction(call, args)
            ?? BindJsonFunction(call, args);
        if (special is not null)
        {
            return special;
        }

        switch (call.Name)
        {
            case "now" or "current_timestamp" or "transaction_timestamp" or "statement_timestamp" when args.Count == 0:
                return new BoundLiteral(new ScalarValue(DataType.Timestamp, _now));
            case "localtimestamp" when args.Count == 0:
                return new BoundLiteral(new ScalarValue(DataType.TimestampNoTz, _now));
            case "current_date" when args.Count == 0:
                return new BoundLiteral(new ScalarValue(DataType.Date, (int)Math.Floor(_now / (double)ValueText.NsPerDay)));
            case "date_bin" when args.Count is 2 or 3:
            {
                BoundExpr? stride = Coerce(args[0], DataType.Interval, call.Args[0].Position);
                BoundExpr? source = Coerce(args[1], DataType.Timestamp, call.Args[1].Position);
                BoundExpr? origin = args.Count == 3 ? Coerce(args[2], DataType.Timestamp, call.Args[2].Position) : null;
                if (stride is null || source is null || (args.Count == 3 && origin is null))
                {
                    break;
                }

                return new BoundFunction(new DateBinFunction(), origin is null ? [stride, source] : [stride, source, origin]);
            }

            case "abs" when args.Count == 1:
            {
                BoundExpr a = args[0] is BoundLiteral { IsUnknown: true } ? Coerce(args[0], DataType.Float64, call.Args[0].Position)! : args[0];
                if (a.Type == DataType.UInt64)
                {
                    a = new BoundCast(a, DataType.Numeric);
                }

                if (!TypeNames.IsNumeric(a.Type))
                {
                    break;
                }

                return new BoundFunction(new AbsFunction(a.Type), [a]);
            }

            case "lower" or "upper" when args.Count == 1:
            {
                BoundExpr? a = Coerce(args[0], DataType.Utf8, call.Args[0].Position);
                if (a is null)
                {
                    break;
                }

                return new BoundFunction(new CaseFunction(call.Name == "upper"), [a]);
            }

            case "length" or "char_length" or "character_length" when args.Count == 1:
            {
                BoundExpr? a = Coerce(args[0], DataType.Utf8, call.Args[0].Position);
                if (a is null)
                {
                    break;
                }

                return new BoundFunction(new LengthFunction(), [a]);
            }
        }

        if (_session.Extension?.TryBindFunction(call, args, _session, _storage) is BoundExpr provided)
        {
            return provided;
        }

        var types = new List<DataType?>();
        foreach (BoundExpr a in args)
        {
            types.Add(a is BoundLiteral { IsUnknown: true } ? null : a.Type);
        }

        throw FunctionError(call, types);
    }
}
