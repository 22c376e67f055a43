using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Timescale's first(value, time) / last(value, time) aggregates. The ordering key must be a
/// timestamp, date or integer (widened to an int64 key: dates to timestamp, smaller integers to
/// bigint); other key types are 0A000. The result has the value's type.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Binds first/last with the same clause and nesting rules as the other aggregates.</summary>
    private BoundAggregate BindFirstLast(FunctionCall call, Clause clause)
    {
        CheckAggregatePlacement(call, clause);
        _inAggregate = true;
        BoundExpr value, ordering;
        try
        {
            value = ResolveUnknown(Bind(call.Args[0], clause));
            ordering = ResolveUnknown(Bind(call.Args[1], clause));
        }
        finally
        {
            _inAggregate = false;
        }

        ordering = ordering.Type switch
        {
            DataType.Timestamp or DataType.TimestampNoTz or DataType.Int64 => ordering,
            DataType.Int16 or DataType.Int32 => new BoundCast(ordering, DataType.Int64),
            DataType.Date => new BoundCast(ordering, DataType.TimestampNoTz),
            _ => throw SqlException.NotSupported($"{call.Name}() ordered by {Executor.Values.TypeNames.SqlName(ordering.Type)}", call.Args[1].Position + 1),
        };
        AggregateKind kind = call.Name == "first" ? AggregateKind.First : AggregateKind.Last;
        DataType? type = AggregateFunctions.ResultType(kind, value.Type);
        if (type is null)
        {
            throw FunctionError(call, [value.Type, ordering.Type]);
        }

        return new BoundAggregate(kind, value, false, type.Value) { Ordering = ordering };
    }

    /// <summary>
    /// string_agg(value, delimiter): the non-NULL values of each group in input order, the row's
    /// delimiter (NULL as empty) before every value but the first; NULL for a group without values.
    /// Both arguments are text (an untyped literal becomes text).
    /// </summary>
    private BoundAggregate BindStringAgg(FunctionCall call, Clause clause)
    {
        CheckAggregatePlacement(call, clause);
        if (call.Distinct)
        {
            throw SqlException.NotSupported("DISTINCT in string_agg()", call.Position + 1);
        }

        _inAggregate = true;
        BoundExpr value, delimiter;
        try
        {
            value = Bind(call.Args[0], clause);
            delimiter = Bind(call.Args[1], clause);
        }
        finally
        {
            _inAggregate = false;
        }

        bool IsText(BoundExpr e) => e.Type is DataType.Utf8 or DataType.Null || e is BoundLiteral { IsUnknown: true };
        if (!IsText(value) || !IsText(delimiter))
        {
            throw FunctionError(call, [ResolveUnknownType(value), ResolveUnknownType(delimiter)]);
        }

        return new BoundAggregate(AggregateKind.StringAgg, Coerce(value, DataType.Utf8, call.Args[0].Position)!, false, DataType.Utf8)
        {
            Ordering = Coerce(delimiter, DataType.Utf8, call.Args[1].Position),
        };
    }

    /// <summary>The clause and nesting rules every aggregate follows (42803 in PostgreSQL's words).</summary>
    private void CheckAggregatePlacement(FunctionCall call, Clause clause)
    {
        if (clause is Clause.Where or Clause.GroupBy or Clause.Limit or Clause.Offset or Clause.JoinOn)
        {
            string name = clause switch
            {
                Clause.Where => "WHERE",
                Clause.JoinOn => "JOIN conditions",
                Clause.GroupBy => "GROUP BY",
                Clause.Limit => "LIMIT",
                _ => "OFFSET",
            };
            throw new SqlException(SqlState.GroupingError, $"aggregate functions are not allowed in {name}", call.Position + 1);
        }

        if (_inAggregate)
        {
            throw new SqlException(SqlState.GroupingError, "aggregate function calls cannot be nested", call.Position + 1);
        }
    }
}
