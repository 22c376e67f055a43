using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// corr(y, x), covar_pop(y, x), covar_samp(y, x) and the regr_* family (regr_count → bigint, the
/// others → double precision) over (y, x) pairs (PostgreSQL's signatures: both arguments convert to
/// double precision; InfluxDB 3's covar is covar_samp). The second argument travels as the
/// aggregate's second column (<see cref="BoundAggregate.Ordering"/>).
/// </summary>
public sealed partial class Binder
{
    /// <summary>Binds a two-argument covariance aggregate.</summary>
    private BoundAggregate BindCovariance(FunctionCall call, Clause clause)
    {
        CheckAggregatePlacement(call, clause);
        _inAggregate = true;
        BoundExpr y, x;
        try
        {
            y = Bind(call.Args[0], clause);
            x = Bind(call.Args[1], clause);
        }
        finally
        {
            _inAggregate = false;
        }

        BoundExpr? yd = Coerce(y, DataType.Float64, call.Args[0].Position);
        BoundExpr? xd = Coerce(x, DataType.Float64, call.Args[1].Position);
        if (yd?.Type != DataType.Float64 || xd?.Type != DataType.Float64)
        {
            throw FunctionError(call, [ResolveUnknownType(y), ResolveUnknownType(x)]);
        }

        AggregateKind kind = call.Name switch
        {
            "corr" => AggregateKind.Corr,
            "covar_pop" => AggregateKind.CovarPop,
            "regr_count" => AggregateKind.RegrCount,
            "regr_sxx" => AggregateKind.RegrSxx,
            "regr_syy" => AggregateKind.RegrSyy,
            "regr_sxy" => AggregateKind.RegrSxy,
            "regr_avgx" => AggregateKind.RegrAvgX,
            "regr_avgy" => AggregateKind.RegrAvgY,
            "regr_r2" => AggregateKind.RegrR2,
            "regr_slope" => AggregateKind.RegrSlope,
            "regr_intercept" => AggregateKind.RegrIntercept,
            _ => AggregateKind.CovarSamp,
        };
        DataType type = kind == AggregateKind.RegrCount ? DataType.Int64 : DataType.Float64;
        return new BoundAggregate(kind, yd, false, type) { Ordering = xd };
    }
}
