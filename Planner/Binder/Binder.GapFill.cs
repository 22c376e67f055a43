using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Temporal;
using IOx.Pg.Executor.Operators.GapFill;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// InfluxDB 3 gap filling: <c>date_bin_gapfill(stride, time[, origin])</c> as a GROUP BY key, with
/// <c>locf(agg)</c> / <c>interpolate(agg)</c> in the select list, ORDER BY or HAVING. The GROUP BY
/// key bins like date_bin (default origin the Unix epoch, as InfluxDB 3); a GapFill node above the
/// Aggregate adds the empty bins from the bin holding the WHERE clause's lower time bound to the
/// one holding its upper bound (both required: a gap-filling query without them is 0A000 with
/// InfluxDB 3's message). Stride and origin must be constants. HAVING, ORDER BY and LIMIT apply
/// to the filled rows.
/// </summary>
public sealed partial class Binder
{
    /// <summary>The function name that marks a gap-filling GROUP BY key.</summary>
    private const string GapFillFunctionName = "date_bin_gapfill";

    /// <summary>The wall-clock variant (bins on the session TimeZone's wall clock).</summary>
    private const string WallclockGapFillFunctionName = "date_bin_wallclock_gapfill";

    /// <summary>Binds date_bin_gapfill, locf and interpolate.</summary>
    private BoundExpr BindGapFillFunction(FunctionCall call, Clause clause)
    {
        if (call.StarArgument || call.Distinct)
        {
            throw new SqlException(SqlState.WrongObjectType, $"{(call.StarArgument ? $"{call.Name}(*)" : "DISTINCT")} specified, but {call.Name} is not an aggregate function", call.Position + 1);
        }

        if (call.Name is GapFillFunctionName or WallclockGapFillFunctionName)
        {
            if (clause is not (Clause.Select or Clause.GroupBy or Clause.OrderBy))
            {
                throw new SqlException(SqlState.GroupingError, $"{call.Name} is only allowed as a GROUP BY key", call.Position + 1);
            }

            var args = new List<BoundExpr>();
            foreach (Expr a in call.Args)
            {
                args.Add(Bind(a, clause));
            }

            if (args.Count is 2 or 3)
            {
                // date_bin_wallclock_gapfill's origin is a wall-clock time (timestamp), date_bin_gapfill's an instant.
                bool wallclock = call.Name == WallclockGapFillFunctionName;
                DataType originType = wallclock ? DataType.TimestampNoTz : DataType.Timestamp;
                BoundExpr? stride = Coerce(args[0], DataType.Interval, call.Args[0].Position);
                BoundExpr? source = Coerce(args[1], DataType.Timestamp, call.Args[1].Position);
                BoundExpr? origin = args.Count == 3 ? Coerce(args[2], originType, call.Args[2].Position) : null;
                if (stride?.Type == DataType.Interval && source?.Type == DataType.Timestamp && (args.Count == 2 || origin?.Type == originType))
                {
                    ScalarFunction function = wallclock
                        ? new DateBinWallclockFunction(WallclockGapFillFunctionName,
                            source is BoundFunction { Function: TzFunction tz } ? tz.Zone : SessionZone(DataType.Timestamp, call))
                        : new DateBinFunction(GapFillFunctionName, 0);
                    return new BoundFunction(function, origin is null ? [stride, source] : [stride, source, origin]);
                }
            }

            var types = new List<DataType?>();
            foreach (BoundExpr a in args)
            {
                types.Add(a is BoundLiteral { IsUnknown: true } ? null : a.Type);
            }

            throw FunctionError(call, types);
        }

        FillMode mode = call.Name == "locf" ? FillMode.Locf : FillMode.Interpolate;
        if (call.Args.Count is < 1 or > 3)
        {
            throw FunctionError(call, ArgumentTypes(call, clause));
        }

        // Timescale's positional forms locf(value, prev[, treat_null_as_missing]) and
        // interpolate(value, prev[, next]): prev / next (a value for the bucket before the first or
        // after the last) must be NULL, the flag a boolean constant.
        bool treatNullAsMissing = false;
        for (int i = 1; i < call.Args.Count; i++)
        {
            BoundExpr extra = Bind(call.Args[i], clause);
            if (mode == FillMode.Locf && i == 2)
            {
                if (extra is not BoundLiteral { Parameters: null } flag || !(flag.Value.IsNull || flag.Value.Value is bool) && !flag.IsUnknown)
                {
                    throw SqlException.NotSupported("locf with a treat_null_as_missing that is not a boolean constant", call.Args[i].Position + 1);
                }

                treatNullAsMissing = flag.Value.Value is true || (flag.Value.Value is string text && text.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));
                continue;
            }

            if (extra is not BoundLiteral { Parameters: null } none || !none.Value.IsNull)
            {
                throw SqlException.NotSupported($"{call.Name} with a {(i == 1 ? "prev" : "next")} value", call.Args[i].Position + 1);
            }
        }

        BoundExpr argument = Bind(call.Args[0], clause);
        if (argument is not BoundAggregate)
        {
            // InfluxDB 3: "the expression passed to interpolate or locf must use an aggregate function".
            throw new SqlException(SqlState.GroupingError, $"{call.Name} must be called on an aggregate function", call.Args[0].Position + 1);
        }

        if (mode == FillMode.Interpolate && !Interpolation.Supports(argument.Type))
        {
            throw FunctionError(call, [argument.Type]);
        }

        return new BoundGapFill(mode, argument) { TreatNullAsMissing = treatNullAsMissing };
    }

    /// <summary>
    /// The hook after the Aggregate node: when a GROUP BY key is date_bin_gapfill, puts a GapFill
    /// node over <paramref name="aggregate"/> and rewrites locf/interpolate in the expressions above
    /// it (already rewritten over the aggregate's output) into the GapFill node's filled columns.
    /// Without such a key, locf/interpolate/date_bin_gapfill anywhere is 42803.
    /// </summary>
    private LogicalPlan BindGapFill(LogicalPlan aggregate, BoundExpr? where, List<BoundExpr> groupBy, List<BoundExpr> outputs, List<BoundExpr> hidden, ref BoundExpr? having)
    {
        int timeKey = -1;
        for (int i = 0; i < groupBy.Count; i++)
        {
            if (IsGapFillBin(groupBy[i]))
            {
                if (timeKey >= 0)
                {
                    throw SqlException.NotSupported("more than one date_bin_gapfill in GROUP BY");
                }

                timeKey = i;
            }
            else if (groupBy[i].Any(IsGapFillBin))
            {
                throw new SqlException(SqlState.GroupingError, "date_bin_gapfill must be a GROUP BY key by itself, not inside another expression");
            }
        }

        if (timeKey < 0)
        {
            RejectGapFill(outputs, hidden, having);
            return aggregate;
        }

        var function = (BoundFunction)groupBy[timeKey];
        var bins = new GapFillBins(1, 0, 1, 0, null);
        if (!function.Any(static e => e is BoundParameter) && !(where?.Any(static e => e is BoundParameter) ?? false))
        {
            // (A statement being prepared has parameters without values: its plan is only described, never run.)
            long stride = DateBinFunction.StrideNanoseconds(ConstantArgument<Interval>(function.Args[0], "stride"));
            bool timescale = function.Function is TimeBucketGapfillFunction;
            long origin = timescale ? TimeBucketFunction.DefaultOrigin : function.Args.Count > 2 ? ConstantArgument<long>(function.Args[2], "origin") : 0;
            (long lower, long upper, bool empty) = timescale ? TimescaleTimeBounds(where, function) : TimeBounds(where, (function.Args[1] is BoundFunction { Function: TzFunction } tz ? tz.Args[0] : function.Args[1]).ToString());
            bins = empty
                ? new GapFillBins(stride, origin, 1, 0, null)
                : new GapFillBins(stride, origin, lower, upper, (function.Function as DateBinWallclockFunction)?.Zone);
        }

        var fills = new List<GapFillColumn>();
        int inputColumns = aggregate.Schema.Count;
        BoundExpr Fill(BoundExpr e) => e.Rewrite(x =>
        {
            if (x is not BoundGapFill g)
            {
                return null;
            }

            if (g.Argument is not BoundColumn { Index: int source } || source < groupBy.Count)
            {
                throw new SqlException(SqlState.GroupingError, $"{(g.Mode == FillMode.Locf ? "locf" : "interpolate")} must be called on an aggregate function");
            }

            // Timescale's locf and interpolate treat an existing bucket's NULL as a value (treat_null_as_missing = false
            // unless locf's third argument says true).
            var column = new GapFillColumn(source, function.Function is not TimeBucketGapfillFunction ? g.Mode
                : g.Mode == FillMode.Locf ? (g.TreatNullAsMissing ? FillMode.Locf : FillMode.LocfKeepNulls) : FillMode.InterpolateKeepNulls);
            int index = fills.IndexOf(column);
            if (index < 0)
            {
                index = fills.Count;
                fills.Add(column);
            }

            return new BoundColumn(inputColumns + index, g.Type, g.ToString());
        });

        for (int i = 0; i < outputs.Count; i++)
        {
            outputs[i] = Fill(outputs[i]);
        }

        for (int i = 0; i < hidden.Count; i++)
        {
            hidden[i] = Fill(hidden[i]);
        }

        having = having is null ? null : Fill(having);
        RejectGapFill(outputs, hidden, having);
        var series = new List<int>();
        for (int i = 0; i < groupBy.Count; i++)
        {
            if (i != timeKey)
            {
                series.Add(i);
            }
        }

        return new GapFillNode(aggregate, timeKey, series, bins, fills);
    }

    /// <summary>42803 for date_bin_gapfill outside a gap-filling GROUP BY key, locf or interpolate without one.</summary>
    private static void RejectGapFill(List<BoundExpr> outputs, List<BoundExpr> hidden, BoundExpr? having)
    {
        List<BoundExpr> all = [.. outputs, .. hidden];
        if (having is not null)
        {
            all.Add(having);
        }

        foreach (BoundExpr e in all)
        {
            string? bin = null;
            if (e.Any(x => IsGapFillBin(x) && (bin = ((BoundFunction)x).Function.Name) is not null))
            {
                throw new SqlException(SqlState.GroupingError, $"{bin} is only allowed as a GROUP BY key");
            }

            if (e.Any(static x => x is BoundGapFill))
            {
                throw new SqlException(SqlState.GroupingError, "locf and interpolate need date_bin_gapfill in GROUP BY");
            }
        }
    }

    /// <summary>The check used when the query does not aggregate at all.</summary>
    private static void RejectGapFillWithoutGrouping(List<BoundExpr> outputs, List<BoundExpr> hidden) => RejectGapFill(outputs, hidden, null);

    /// <summary>Whether <paramref name="e"/> is a date_bin_gapfill call.</summary>
    private static bool IsGapFillBin(BoundExpr e) =>
        e is BoundFunction { Function: DateBinFunction { Name: GapFillFunctionName } or DateBinWallclockFunction { Name: WallclockGapFillFunctionName } or TimeBucketGapfillFunction };

    /// <summary>A constant argument's value (0A000 when it is not a constant, 22004 when NULL).</summary>
    private static T ConstantArgument<T>(BoundExpr argument, string what)
    {
        if (!ConstantEvaluator.IsConstant(argument))
        {
            throw SqlException.NotSupported($"date_bin_gapfill with a {what} that is not a constant");
        }

        return ConstantEvaluator.Evaluate(argument).Value is T value
            ? value
            : throw new SqlException(SqlState.NullValueNotAllowed, $"date_bin_gapfill {what} must not be NULL");
    }

    /// <summary>
    /// The smallest and largest time the WHERE clause admits for <paramref name="source"/>, from its
    /// AND-ed comparisons of it with constants (BETWEEN included); <c>Empty</c> when a bound is NULL.
    /// A missing bound is 0A000 with InfluxDB 3's message.
    /// </summary>
    private static (long Lower, long Upper, bool Empty) TimeBounds(BoundExpr? where, string source)
    {
        (long lower, bool hasLower, long upper, bool hasUpper, bool empty) = ScanTimeBounds(where, source);
        if (!hasLower && !hasUpper)
        {
            throw new SqlException(SqlState.FeatureNotSupported, "gap-filling query is missing both upper and lower time bounds");
        }

        if (!hasLower)
        {
            throw new SqlException(SqlState.FeatureNotSupported, "gap-filling query is missing lower time bound");
        }

        if (!hasUpper)
        {
            throw new SqlException(SqlState.FeatureNotSupported, "gap-filling query is missing upper time bound");
        }

        return (lower, upper, empty);
    }

    /// <summary>The bounds the WHERE clause's AND-ed comparisons of <paramref name="source"/> with constants give, and which of them it has.</summary>
    private static (long Lower, bool HasLower, long Upper, bool HasUpper, bool Empty) ScanTimeBounds(BoundExpr? where, string source)
    {
        long lower = long.MinValue, upper = long.MaxValue;
        bool hasLower = false, hasUpper = false, empty = false;
        var pending = new Stack<BoundExpr>();
        if (where is not null)
        {
            pending.Push(where);
        }

        while (pending.Count > 0)
        {
            if (pending.Pop() is not BoundBinary binary)
            {
                continue;
            }

            if (binary.Kind == BinaryKind.And)
            {
                pending.Push(binary.Left);
                pending.Push(binary.Right);
                continue;
            }

            if (!binary.IsComparison || binary.Kind == BinaryKind.NotEqual)
            {
                continue;
            }

            BinaryKind kind = binary.Kind;
            BoundExpr constant = binary.Right;
            if (binary.Left.ToString() != source)
            {
                if (binary.Right.ToString() != source)
                {
                    continue;
                }

                constant = binary.Left;
                kind = kind switch
                {
                    BinaryKind.Less => BinaryKind.Greater,
                    BinaryKind.LessOrEqual => BinaryKind.GreaterOrEqual,
                    BinaryKind.Greater => BinaryKind.Less,
                    BinaryKind.GreaterOrEqual => BinaryKind.LessOrEqual,
                    _ => kind,
                };
            }

            if (!ConstantEvaluator.IsConstant(constant) || constant.Type != DataType.Timestamp)
            {
                continue;
            }

            if (ConstantEvaluator.Evaluate(constant).Value is not long t)
            {
                // time < NULL admits no row.
                empty = true;
                hasLower |= kind is BinaryKind.Greater or BinaryKind.GreaterOrEqual or BinaryKind.Equal;
                hasUpper |= kind is BinaryKind.Less or BinaryKind.LessOrEqual or BinaryKind.Equal;
                continue;
            }

            if (kind is BinaryKind.Greater or BinaryKind.GreaterOrEqual or BinaryKind.Equal)
            {
                hasLower = true;
                long bound = kind == BinaryKind.Greater ? (t == long.MaxValue ? t : t + 1) : t;
                empty |= kind == BinaryKind.Greater && t == long.MaxValue;
                lower = Math.Max(lower, bound);
            }

            if (kind is BinaryKind.Less or BinaryKind.LessOrEqual or BinaryKind.Equal)
            {
                hasUpper = true;
                long bound = kind == BinaryKind.Less ? (t == long.MinValue ? t : t - 1) : t;
                empty |= kind == BinaryKind.Less && t == long.MinValue;
                upper = Math.Min(upper, bound);
            }
        }

        return (lower, hasLower, upper, hasUpper, empty);
    }
}
