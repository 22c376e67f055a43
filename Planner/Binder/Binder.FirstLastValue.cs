using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// InfluxDB 3's (DataFusion's) aggregates first_value(x [ORDER BY keys]) and
/// last_value(x ORDER BY keys): the group's first or last value in that order, NULLs included (as
/// DataFusion respects them by default), NULL for an empty group. Bound like nth_value: first_value
/// is (array_agg(x [ORDER BY keys]))[1] and last_value is the same over the reversed keys, which is
/// exactly that. Without ORDER BY DataFusion returns an arbitrary row; first_value then takes the
/// first in scan order, while last_value without ORDER BY is 0A000 (no reversible order to use).
/// The window functions first_value(...) OVER (...) are WindowCall nodes, bound elsewhere.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Whether <paramref name="call"/> is the aggregate first_value / last_value this binder rewrites.</summary>
    private static bool IsFirstLastValueAggregate(FunctionCall call) =>
        call.Name is "first_value" or "last_value" && call.Args.Count == 1 && !call.StarArgument && call.WithinGroup is null;

    /// <summary>Binds the aggregate first_value / last_value(x [ORDER BY keys]) [FILTER (...)].</summary>
    private BoundExpr BindFirstLastValueAggregate(FunctionCall call, Clause clause)
    {
        if (call.Distinct)
        {
            throw SqlException.NotSupported($"DISTINCT in {call.Name}()", call.Position + 1);
        }

        IReadOnlyList<OrderByItem>? keys = call.OrderBy;
        if (call.Name == "last_value")
        {
            if (keys is null || keys.Count == 0)
            {
                throw SqlException.NotSupported("last_value() without ORDER BY", call.Position + 1);
            }

            // Reversing each key reverses the whole order. An explicit NULLS placement flips too; the
            // default one (NULLS LAST ascending, NULLS FIRST descending) follows the flipped direction.
            var reversed = new OrderByItem[keys.Count];
            for (int i = 0; i < keys.Count; i++)
            {
                OrderByItem key = keys[i];
                reversed[i] = new OrderByItem(key.Expr, !key.Descending, key.NullsFirst is bool first ? !first : null);
            }

            keys = reversed;
        }

        var values = new FunctionCall("array_agg", [call.Args[0]], false, false)
        {
            Position = call.Position,
            OrderBy = keys,
            Filter = call.Filter,
        };
        var one = new Literal(LiteralKind.Integer, "1") { Position = call.Position };
        return Bind(new ArraySubscript(values, one, null, false) { Position = call.Position }, clause);
    }
}
