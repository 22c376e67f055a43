using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// InfluxDB 3's (DataFusion's) aggregate median(x): the middle value of the group's non-NULL values,
/// the mean of the two middle ones for an even count, NULL for none. Bound as
/// percentile_cont(0.5) WITHIN GROUP (ORDER BY x), which computes exactly that, in double precision.
/// DataFusion keeps an integer argument's type (truncating the mean of two middles); we answer the
/// exact double precision value for every numeric argument.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Whether <paramref name="call"/> is the aggregate median this binder rewrites.</summary>
    private static bool IsMedianAggregate(FunctionCall call) =>
        call.Name == "median" && call.Args.Count == 1 && !call.StarArgument && call.WithinGroup is null && call.OrderBy is null;

    /// <summary>Binds median(x) [FILTER (...)].</summary>
    private BoundExpr BindMedianAggregate(FunctionCall call, Clause clause)
    {
        if (call.Distinct)
        {
            throw SqlException.NotSupported("DISTINCT in median()", call.Position + 1);
        }

        var half = new Literal(LiteralKind.Decimal, "0.5") { Position = call.Position };
        var percentile = new FunctionCall("percentile_cont", [half], false, false)
        {
            Position = call.Position,
            WithinGroup = [new OrderByItem(call.Args[0], false, null)],
            Filter = call.Filter,
        };
        return Bind(percentile, clause);
    }
}
