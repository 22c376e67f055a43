using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// InfluxDB 3's selectors, selector_first/last/min/max(value, time), whose result is a struct
/// {value, time} read with bracket notation: <c>selector_max(usage, time)['value']</c> and
/// <c>['time']</c>. Each field binds to its own aggregate (the value's type, or the time's), both
/// choosing the same row, so two fields of one selector always agree. The bare struct (no field) is
/// a record (value, time) built from those two aggregates: PostgreSQL's anonymous record on the wire.
/// The time argument must be a timestamp (with or without time zone).
/// </summary>
public sealed partial class Binder
{
    /// <summary>Whether <paramref name="name"/> is a selector function.</summary>
    private static bool IsSelector(string name) => name is "selector_first" or "selector_last" or "selector_min" or "selector_max";

    /// <summary>
    /// <c>expr['field']</c>: a selector's field; on any other expression 42804, PostgreSQL's answer
    /// for subscripting a type that has no subscripts.
    /// </summary>
    private BoundExpr BindFieldAccess(FieldAccess access, Clause clause)
    {
        if (access.Operand is FunctionCall call && IsSelector(call.Name))
        {
            if (call.Filter is not null)
            {
                return BindFilteredAggregate(call, clause, plain => BindSelector(plain, clause, access));
            }

            return BindSelector(call, clause, access);
        }

        BoundExpr operand = Bind(access.Operand, clause);
        if (operand.Type == DataType.Struct)
        {
            return BindRecordField(operand, access.Field, access.Position);
        }

        throw new SqlException(SqlState.DatatypeMismatch,
            $"cannot subscript type {TypeNames.SqlName(operand.Type)} because it does not support subscripting", access.Position + 1);
    }

    /// <summary>Binds selector <paramref name="call"/> read through <paramref name="access"/> (null: the bare struct, a record (value, time)).</summary>
    private BoundExpr BindSelector(FunctionCall call, Clause clause, FieldAccess? access)
    {
        if (call.Args.Count != 2 || call.StarArgument || call.Distinct)
        {
            throw call.StarArgument || call.Distinct
                ? SqlException.NotSupported($"{(call.StarArgument ? "*" : "DISTINCT")} in {call.Name}()", call.Position + 1)
                : FunctionError(call, ArgumentTypes(call, clause));
        }

        CheckAggregatePlacement(call, clause);
        _inAggregate = true;
        BoundExpr value, time;
        try
        {
            value = ResolveUnknown(Bind(call.Args[0], clause));
            time = ResolveUnknown(Bind(call.Args[1], clause));
        }
        finally
        {
            _inAggregate = false;
        }

        AggregateKind kind = call.Name switch
        {
            "selector_first" => AggregateKind.SelectorFirst,
            "selector_last" => AggregateKind.SelectorLast,
            "selector_min" => AggregateKind.SelectorMin,
            _ => AggregateKind.SelectorMax,
        };
        DataType? valueType = AggregateFunctions.ResultType(kind, value.Type);
        if (valueType is null || time.Type is not (DataType.Timestamp or DataType.TimestampNoTz))
        {
            throw FunctionError(call, [value.Type, time.Type]);
        }

        // Argument and second swap for the time: the time is the result, the value decides the row.
        AggregateKind timeKind = kind + (AggregateKind.SelectorFirstTime - AggregateKind.SelectorFirst);
        if (access is null)
        {
            var valueAggregate = new BoundAggregate(kind, value, false, valueType.Value) { Ordering = time };
            var timeAggregate = new BoundAggregate(timeKind, time, false, time.Type) { Ordering = value };
            Field[] fields = [new Field("value", valueType.Value), new Field("time", time.Type)];
            return new BoundFunction(new RowConstructFunction(fields), [valueAggregate, timeAggregate]);
        }

        switch (access.Field)
        {
            case "value":
                return new BoundAggregate(kind, value, false, valueType.Value) { Ordering = time };
            case "time":
                return new BoundAggregate(timeKind, time, false, time.Type) { Ordering = value };
            default:
                throw new SqlException(SqlState.UndefinedColumn,
                    $"field \"{access.Field}\" does not exist in the result of {call.Name}(): its fields are \"value\" and \"time\"", access.Position + 1);
        }
    }
}
