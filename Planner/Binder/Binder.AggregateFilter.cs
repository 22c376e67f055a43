using IOx.Pg.Executor.Functions;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// <c>agg(...) FILTER (WHERE cond)</c>: the aggregate reads only the input rows where the condition
/// is true (not false, not NULL). The condition is bound over the same rows as the aggregate's
/// arguments and may not contain aggregates (42803).
/// </summary>
public sealed partial class Binder
{
    /// <summary>Binds <paramref name="call"/>, which has a FILTER, as its aggregate plus that filter.</summary>
    private BoundExpr BindFilteredAggregate(FunctionCall call, Clause clause, Func<FunctionCall, BoundExpr> bindAggregate)
    {
        BoundExpr bound = bindAggregate(call.WithoutFilter());
        if (bound is BoundFunction { Function: RowConstructFunction } record && record.Args.All(static a => a is BoundAggregate))
        {
            // A bare selector: the record of its two aggregates, each filtered alike.
            var filtered = new BoundExpr[record.Args.Count];
            for (int i = 0; i < filtered.Length; i++)
            {
                filtered[i] = BindFilteredAggregate(call, clause, _ => record.Args[i]);
            }

            return record.WithChildren(filtered);
        }

        if (bound is not BoundAggregate aggregate)
        {
            throw new SqlException(SqlState.WrongObjectType, $"FILTER specified, but {call.Name} is not an aggregate function", call.Position + 1);
        }

        BoundExpr filter;
        _inAggregate = true;
        try
        {
            filter = Bind(call.Filter!, clause);
        }
        finally
        {
            _inAggregate = false;
        }

        return aggregate.WithFilter(RequireBoolean(filter, "FILTER", call.Filter!.Position));
    }
}
