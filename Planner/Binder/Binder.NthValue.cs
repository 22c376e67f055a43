using System.Globalization;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// InfluxDB 3's (DataFusion's) aggregate nth_value(x, n [ORDER BY keys]): the n-th value of the
/// group in that order (NULLs count, as DataFusion respects them by default), NULL when the group
/// has fewer. Bound as (array_agg(x [ORDER BY keys]))[n], which is exactly that. n must be a
/// positive integer constant (DataFusion's negative n, counting from the end, is 0A000). The
/// window function nth_value(...) OVER (...) is a different call (Binder.Window).
/// </summary>
public sealed partial class Binder
{
    /// <summary>Whether <paramref name="call"/> is the aggregate nth_value this binder rewrites.</summary>
    private static bool IsNthValueAggregate(FunctionCall call) =>
        call.Name == "nth_value" && call.Args.Count == 2 && !call.StarArgument && call.WithinGroup is null;

    /// <summary>Binds the aggregate nth_value(x, n [ORDER BY keys]) [FILTER (...)].</summary>
    private BoundExpr BindNthValueAggregate(FunctionCall call, Clause clause)
    {
        if (call.Distinct)
        {
            throw SqlException.NotSupported("DISTINCT in nth_value()", call.Position + 1);
        }

        if (call.Args[1] is not Literal { Kind: LiteralKind.Integer } n
            || !long.TryParse(n.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long index) || index < 1)
        {
            throw SqlException.NotSupported("nth_value() with an n that is not a positive integer constant", call.Args[1].Position + 1);
        }

        var values = new FunctionCall("array_agg", [call.Args[0]], false, false)
        {
            Position = call.Position,
            OrderBy = call.OrderBy,
            Filter = call.Filter,
        };
        return Bind(new ArraySubscript(values, call.Args[1], null, false) { Position = call.Position }, clause);
    }
}
