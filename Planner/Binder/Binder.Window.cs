using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Functions.Window;
using IOx.Pg.Executor.Operators.Window;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Window functions. A call f(args) [FILTER (WHERE ...)] OVER (...) binds to a <see cref="BoundWindow"/>
/// whose arguments, keys and filter are ordinary expressions over the query's input (aggregates
/// allowed, so sum(sum(x)) OVER () works after GROUP BY). Window functions are evaluated after
/// WHERE, GROUP BY and HAVING and before DISTINCT, ORDER BY and LIMIT: <see cref="PlanWindows"/>
/// puts one Window node per distinct (PARTITION BY, ORDER BY) above the aggregation and rewrites
/// every call into a column of it. Errors follow PostgreSQL: 42P20 in WHERE/GROUP BY/HAVING, for
/// nesting and bad window references; 42803 for a window call inside an aggregate.
/// </summary>
public sealed partial class Binder
{
    /// <summary>The SELECT's WINDOW clause.</summary>
    private IReadOnlyList<WindowDefinition> _windowDefinitions = [];

    /// <summary>Where window binding is: 0 outside, 1 in a window function's arguments, 2 in a window definition.</summary>
    private int _windowDepth;

    /// <summary>Takes the SELECT's WINDOW clause; a name defined twice is 42P20, as in PostgreSQL.</summary>
    private void SetWindowDefinitions(IReadOnlyList<WindowDefinition> windows)
    {
        for (int i = 1; i < windows.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (windows[i].Name == windows[j].Name)
                {
                    throw new SqlException(SqlState.WindowingError, $"window \"{windows[i].Name}\" is already defined", windows[i].Position + 1);
                }
            }
        }

        _windowDefinitions = windows;
    }

    /// <summary>Binds a window call appearing in <paramref name="clause"/>.</summary>
    private BoundWindow BindWindowCall(WindowCall window, Clause clause)
    {
        FunctionCall call = window.Call;
        if (clause is Clause.Where or Clause.GroupBy or Clause.Having or Clause.Limit or Clause.Offset)
        {
            string name = clause switch
            {
                Clause.Where => "WHERE",
                Clause.GroupBy => "GROUP BY",
                Clause.Having => "HAVING",
                Clause.Limit => "LIMIT",
                _ => "OFFSET",
            };
            throw new SqlException(SqlState.WindowingError, $"window functions are not allowed in {name}", call.Position + 1);
        }

        if (_windowDepth == 2)
        {
            throw new SqlException(SqlState.WindowingError, "window functions are not allowed in window definitions", call.Position + 1);
        }

        if (_windowDepth == 1)
        {
            throw new SqlException(SqlState.WindowingError, "window function calls cannot be nested", call.Position + 1);
        }

        if (_inAggregate)
        {
            throw new SqlException(SqlState.GroupingError, "aggregate function calls cannot contain window function calls", call.Position + 1);
        }

        WindowSpec spec = ResolveWindow(window);
        _windowDepth = 2;
        var partitionBy = new List<BoundExpr>();
        var orderBy = new List<BoundExpr>();
        var directions = new List<(bool Descending, bool NullsFirst)>();
        try
        {
            foreach (Expr e in spec.PartitionBy)
            {
                partitionBy.Add(ResolveUnknown(Bind(e, clause)));
            }

            foreach (OrderByItem o in spec.OrderBy)
            {
                orderBy.Add(ResolveUnknown(Bind(o.Expr, clause)));
                directions.Add((o.Descending, o.NullsFirst ?? o.Descending));
            }
        }
        finally
        {
            _windowDepth = 0;
        }

        WindowFrameSpec frame = BindFrame(spec, orderBy);
        _windowDepth = 1;
        try
        {
            (WindowFunctionKind kind, AggregateKind aggregate, List<BoundExpr> args, DataType type) = BindWindowFunction(window, clause);
            BoundExpr? filter = null;
            if (window.Filter is not null)
            {
                if (kind != WindowFunctionKind.Aggregate)
                {
                    throw SqlException.NotSupported("FILTER for non-aggregate window functions", call.Position + 1);
                }

                filter = RequireBoolean(Bind(window.Filter, clause), "FILTER", window.Filter.Position);
            }

            return new BoundWindow(call.Name, kind, aggregate, args, filter, partitionBy, orderBy, directions, frame, type);
        }
        finally
        {
            _windowDepth = 0;
        }
    }

    /// <summary>The window of OVER name or OVER ([name] ...), with PostgreSQL's copy rules for named windows.</summary>
    private WindowSpec ResolveWindow(WindowCall window)
    {
        if (window.WindowName is not null)
        {
            return NamedWindow(window.WindowName, window.WindowNamePosition, 0);
        }

        return Refine(window.Spec!, 0);
    }

    /// <summary>A WINDOW-clause window by name (42704 when there is none), itself refined.</summary>
    private WindowSpec NamedWindow(string name, int position, int depth)
    {
        foreach (WindowDefinition d in _windowDefinitions)
        {
            if (d.Name == name)
            {
                return depth > _windowDefinitions.Count ? throw new SqlException(SqlState.UndefinedObject, $"window \"{name}\" does not exist", position + 1) : Refine(d.Spec, depth + 1);
            }
        }

        throw new SqlException(SqlState.UndefinedObject, $"window \"{name}\" does not exist", position + 1);
    }

    /// <summary>(base ...): the base's PARTITION BY, its ORDER BY or ours (not both), our frame; a base with a frame cannot be copied.</summary>
    private WindowSpec Refine(WindowSpec spec, int depth)
    {
        if (spec.RefName is null)
        {
            return spec;
        }

        WindowSpec source = NamedWindow(spec.RefName, spec.Position, depth);
        if (spec.PartitionBy.Count > 0)
        {
            throw new SqlException(SqlState.WindowingError, $"cannot override PARTITION BY clause of window \"{spec.RefName}\"", spec.Position + 1);
        }

        if (spec.OrderBy.Count > 0 && source.OrderBy.Count > 0)
        {
            throw new SqlException(SqlState.WindowingError, $"cannot override ORDER BY clause of window \"{spec.RefName}\"", spec.Position + 1);
        }

        if (source.Frame is not null)
        {
            throw new SqlException(SqlState.WindowingError, $"cannot copy window \"{spec.RefName}\" because it has a frame clause", spec.Position + 1);
        }

        return new WindowSpec(null, source.PartitionBy, spec.OrderBy.Count > 0 ? spec.OrderBy : source.OrderBy, spec.Frame, spec.Position);
    }

    /// <summary>The function: ranking, navigation or an aggregate over the frame; its bound arguments and result type.</summary>
    private (WindowFunctionKind Kind, AggregateKind Aggregate, List<BoundExpr> Args, DataType Type) BindWindowFunction(WindowCall window, Clause clause)
    {
        FunctionCall call = window.Call;
        if (call.OrderBy is not null)
        {
            throw SqlException.NotSupported("aggregate ORDER BY for window functions", call.Position + 1);
        }

        AggregateKind? aggregate = call.Name switch
        {
            "count" => call.StarArgument ? AggregateKind.CountStar : AggregateKind.Count,
            "sum" => AggregateKind.Sum,
            "avg" => AggregateKind.Avg,
            "min" => AggregateKind.Min,
            "max" => AggregateKind.Max,
            _ => null,
        };
        if (call.Distinct && (aggregate is not null || call.Name is "first" or "last"))
        {
            throw SqlException.NotSupported("DISTINCT for window functions", call.Position + 1);
        }

        if (aggregate is not null)
        {
            if (call.StarArgument && aggregate != AggregateKind.CountStar)
            {
                throw new SqlException(SqlState.WrongObjectType, $"{call.Name}(*) specified, but {call.Name} is not an aggregate function", call.Position + 1);
            }

            if (aggregate == AggregateKind.CountStar)
            {
                return (WindowFunctionKind.Aggregate, AggregateKind.CountStar, [], DataType.Int64);
            }

            if (call.Args.Count != 1)
            {
                throw FunctionError(call, ArgumentTypes(call, clause));
            }

            BoundExpr argument = ResolveUnknown(Bind(call.Args[0], clause));
            if (argument.Type == DataType.UInt64 && aggregate is AggregateKind.Sum or AggregateKind.Avg)
            {
                argument = new BoundCast(argument, DataType.Numeric);
            }

            DataType? type = AggregateFunctions.ResultType(aggregate.Value, argument.Type);
            if (type is null && argument.Type == DataType.Interval)
            {
                throw SqlException.NotSupported($"{call.Name}(interval)", call.Position + 1);
            }

            return (WindowFunctionKind.Aggregate, aggregate.Value, [argument], type ?? throw FunctionError(call, [argument.Type]));
        }

        if (call.StarArgument)
        {
            throw new SqlException(SqlState.WrongObjectType, $"{call.Name}(*) specified, but {call.Name} is not an aggregate function", call.Position + 1);
        }

        if (call.Distinct)
        {
            throw new SqlException(SqlState.WrongObjectType, $"DISTINCT specified, but {call.Name} is not an aggregate function", call.Position + 1);
        }

        WindowFunctionKind? kind = call.Name switch
        {
            "row_number" => WindowFunctionKind.RowNumber,
            "rank" => WindowFunctionKind.Rank,
            "dense_rank" => WindowFunctionKind.DenseRank,
            "percent_rank" => WindowFunctionKind.PercentRank,
            "cume_dist" => WindowFunctionKind.CumeDist,
            "ntile" => WindowFunctionKind.Ntile,
            "lag" => WindowFunctionKind.Lag,
            "lead" => WindowFunctionKind.Lead,
            "first_value" => WindowFunctionKind.FirstValue,
            "last_value" => WindowFunctionKind.LastValue,
            "nth_value" => WindowFunctionKind.NthValue,
            _ => null,
        };
        if (kind is null)
        {
            // An aggregate that exists for GROUP BY but has no frame implementation yet is 0A000; a
            // known function that is neither a window function nor an aggregate is 42809; an unknown one 42883.
            _windowDepth = 0;
            if (Bind(call, clause) is BoundAggregate)
            {
                throw SqlException.NotSupported($"{call.Name}() as a window function", call.Position + 1);
            }

            throw new SqlException(SqlState.WrongObjectType, $"OVER specified, but {call.Name} is not a window function nor an aggregate function", call.Position + 1);
        }

        var args = new List<BoundExpr>();
        foreach (Expr a in call.Args)
        {
            args.Add(Bind(a, clause));
        }

        switch (kind.Value)
        {
            case WindowFunctionKind.RowNumber or WindowFunctionKind.Rank or WindowFunctionKind.DenseRank when args.Count == 0:
                return (kind.Value, default, args, DataType.Int64);
            case WindowFunctionKind.PercentRank or WindowFunctionKind.CumeDist when args.Count == 0:
                return (kind.Value, default, args, DataType.Float64);
            case WindowFunctionKind.Ntile when args.Count == 1 && Coerce(args[0], DataType.Int32, call.Args[0].Position) is BoundExpr buckets:
                return (kind.Value, default, [buckets], DataType.Int32);
            case WindowFunctionKind.FirstValue or WindowFunctionKind.LastValue when args.Count == 1:
            {
                BoundExpr value = RequireKnown(args[0], call.Args[0]);
                return (kind.Value, default, [value], value.Type);
            }

            case WindowFunctionKind.NthValue when args.Count == 2 && Coerce(args[1], DataType.Int32, call.Args[1].Position) is BoundExpr nth:
            {
                BoundExpr value = RequireKnown(args[0], call.Args[0]);
                return (kind.Value, default, [value, nth], value.Type);
            }

            case WindowFunctionKind.Lag or WindowFunctionKind.Lead when args.Count is >= 1 and <= 3:
            {
                BoundExpr? offset = args.Count > 1 ? Coerce(args[1], DataType.Int32, call.Args[1].Position) : null;
                if (args.Count > 1 && offset is null)
                {
                    break;
                }

                BoundExpr value = args[0];
                if (args.Count < 3)
                {
                    value = RequireKnown(value, call.Args[0]);
                    return (kind.Value, default, offset is null ? [value] : [value, offset], value.Type);
                }

                // lag(anycompatible, integer, anycompatible): value and default take their common type.
                BoundExpr fallback = args[2];
                DataType common = CommonWindowType(value, fallback, call.Args[0]) ?? throw FunctionError(call, [value.Type, DataType.Int32, fallback.Type]);
                value = Coerce(value, common, call.Args[0].Position)!;
                fallback = Coerce(fallback, common, call.Args[2].Position)!;
                return (kind.Value, default, [value, offset!, fallback], common);
            }
        }

        var types = new List<DataType?>();
        foreach (BoundExpr a in args)
        {
            types.Add(a is BoundLiteral { IsUnknown: true } ? null : a.Type);
        }

        throw FunctionError(call, types);
    }

    /// <summary>
    /// A polymorphic argument (anyelement): an untyped literal or NULL has no type to resolve to,
    /// 42804 as in PostgreSQL ("could not determine polymorphic type because input has type unknown").
    /// </summary>
    private static BoundExpr RequireKnown(BoundExpr value, Expr source)
    {
        if (value is BoundLiteral { IsUnknown: true } || value.Type == DataType.Null)
        {
            throw new SqlException(SqlState.DatatypeMismatch, "could not determine polymorphic type because input has type unknown", source.Position + 1);
        }

        return value;
    }

    /// <summary>The common type of lag/lead's value and default (anycompatible): an unknown literal takes the other's type; both unknown is 42804.</summary>
    private static DataType? CommonWindowType(BoundExpr value, BoundExpr fallback, Expr source)
    {
        bool valueUnknown = value is BoundLiteral { IsUnknown: true } || value.Type == DataType.Null;
        bool fallbackUnknown = fallback is BoundLiteral { IsUnknown: true } || fallback.Type == DataType.Null;
        if (valueUnknown && fallbackUnknown)
        {
            RequireKnown(value, source);
        }

        if (valueUnknown || fallbackUnknown)
        {
            return valueUnknown ? fallback.Type : value.Type;
        }

        return TypeResolver.Common(value.Type, fallback.Type);
    }

    /// <summary>
    /// The frame (RANGE UNBOUNDED PRECEDING .. CURRENT ROW by default) with constant offsets:
    /// bigint for ROWS and GROUPS; for RANGE the type in_range needs for the ORDER BY key (integers
    /// with an integer, floats with double precision, numeric with numeric, timestamps and dates
    /// with an interval without months), others 0A000 as in PostgreSQL.
    /// </summary>
    private WindowFrameSpec BindFrame(WindowSpec spec, List<BoundExpr> orderBy)
    {
        WindowFrame? frame = spec.Frame;
        if (frame is null)
        {
            return WindowFrameSpec.Default;
        }

        if (frame.Units == FrameUnits.Groups && orderBy.Count == 0)
        {
            throw new SqlException(SqlState.WindowingError, "GROUPS mode requires an ORDER BY clause", spec.Position + 1);
        }

        bool hasOffset = frame.Start.Offset is not null || frame.End.Offset is not null;
        if (frame.Units == FrameUnits.Range && hasOffset && orderBy.Count != 1)
        {
            throw new SqlException(SqlState.WindowingError, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column", spec.Position + 1);
        }

        ScalarValue? start = frame.Start.Offset is null ? null : BindFrameOffset(frame, frame.Start.Offset, orderBy);
        ScalarValue? end = frame.End.Offset is null ? null : BindFrameOffset(frame, frame.End.Offset, orderBy);
        return new WindowFrameSpec(frame.Units, frame.Start.Kind, start, frame.End.Kind, end);
    }

    /// <summary>One frame offset: a constant of the type the frame units and ORDER BY key need.</summary>
    private ScalarValue BindFrameOffset(WindowFrame frame, Expr offset, List<BoundExpr> orderBy)
    {
        string units = frame.Units.ToString().ToUpperInvariant();
        BoundExpr bound = Bind(offset, Clause.Select);
        if (bound.Any(static e => e is BoundColumn or BoundAggregate or BoundWindow))
        {
            throw new SqlException(SqlState.InvalidColumnReference, $"argument of {units} must not contain variables", offset.Position + 1);
        }

        if (bound.Any(static e => e is BoundParameter))
        {
            throw SqlException.NotSupported("parameters in window frame offsets", offset.Position + 1);
        }

        DataType target;
        if (frame.Units != FrameUnits.Range)
        {
            target = DataType.Int64;
        }
        else
        {
            DataType keyType = orderBy[0].Type;
            DataType? wanted = keyType switch
            {
                DataType.Int16 or DataType.Int32 or DataType.Int64 when bound.Type is DataType.Int16 or DataType.Int32 or DataType.Int64 || bound is BoundLiteral { IsUnknown: true } => DataType.Int64,
                DataType.Float32 or DataType.Float64 => DataType.Float64,
                DataType.Numeric or DataType.UInt64 => DataType.Numeric,
                DataType.Timestamp or DataType.TimestampNoTz or DataType.Date => DataType.Interval,
                _ => null,
            };
            BoundExpr? coerced = wanted is null ? null : Coerce(bound, wanted.Value, offset.Position);
            if (coerced is null)
            {
                // PostgreSQL names only the column type when the type has no in_range support at all.
                string offsetType = bound is BoundLiteral { IsUnknown: true } ? "unknown" : TypeNames.SqlName(bound.Type);
                string which = TypeNames.IsNumeric(keyType) || keyType is DataType.Timestamp or DataType.TimestampNoTz or DataType.Date
                    ? $"column type {TypeNames.SqlName(keyType)} and offset type {offsetType}"
                    : $"column type {TypeNames.SqlName(keyType)}";
                throw new SqlException(SqlState.FeatureNotSupported, $"RANGE with offset PRECEDING/FOLLOWING is not supported for {which}", offset.Position + 1);
            }

            ScalarValue value = ConstantEvaluator.Evaluate(coerced);
            if (value.Value is Interval { Months: not 0 })
            {
                throw SqlException.NotSupported("RANGE offsets with months or years", offset.Position + 1);
            }

            if (value.Value is Interval { Days: not 0 } && keyType == DataType.Timestamp && _session.Settings.TryGetValue("timezone", out string? zone) && !s_utcZones.Contains(zone))
            {
                throw SqlException.NotSupported($"RANGE offsets in days on timestamptz with TimeZone \"{zone}\" (only UTC)", offset.Position + 1);
            }

            return value;
        }

        BoundExpr? rows = Coerce(bound, target, offset.Position);
        if (rows is null)
        {
            throw new SqlException(SqlState.DatatypeMismatch, $"argument of {units} must be type bigint, not type {TypeNames.SqlName(bound.Type)}", offset.Position + 1);
        }

        return ConstantEvaluator.Evaluate(rows);
    }
}
