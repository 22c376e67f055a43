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
}
