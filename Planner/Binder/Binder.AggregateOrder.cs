using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Aggregates with an ordering. ORDER BY inside the call (string_agg(x, ',' ORDER BY y)) sorts
/// each group's rows before an order-sensitive aggregate reads them; for an aggregate whose result
/// does not depend on row order (count, sum, min, ...) it is checked and then has no effect, as in
/// PostgreSQL. Ordered-set aggregates (PostgreSQL's WITHIN GROUP): percentile_cont(fraction) over
/// float8 or interval, percentile_disc(fraction) and mode() over any sortable type; the fraction is
/// a constant in [0, 1] (NULL gives NULL; a per-group fraction is 0A000).
/// </summary>
public sealed partial class Binder
{
    /// <summary>A call with an aggregate ordering, or of an ordered-set aggregate, bound; null for any other call.</summary>
    private BoundExpr? BindOrderedAggregateCall(FunctionCall call, Clause clause)
    {
        if (call.WithinGroup is not null || call.Name is "percentile_cont" or "percentile_disc" or "mode")
        {
            return BindOrderedSetAggregate(call, clause);
        }

        return call.OrderBy is null ? null : BindAggregateOrderBy(call, clause);
    }

    /// <summary>agg(args ORDER BY keys).</summary>
    private BoundExpr BindAggregateOrderBy(FunctionCall call, Clause clause)
    {
        if (_windowDepth > 0)
        {
            throw SqlException.NotSupported("aggregate ORDER BY for window functions", call.Position + 1);
        }

        BoundExpr plain = BindFunction(new FunctionCall(call.Name, call.Args, call.Distinct, call.StarArgument) { Position = call.Position }, clause);
        if (plain is not BoundAggregate aggregate)
        {
            throw new SqlException(SqlState.WrongObjectType, $"ORDER BY specified, but {call.Name} is not an aggregate function", call.Position + 1);
        }

        List<BoundSortKey> keys = BindAggregateSortKeys(call.OrderBy!, clause);
        if (call.Distinct)
        {
            foreach (BoundSortKey key in keys)
            {
                if (aggregate.Argument is null || key.Expr.ToString() != aggregate.Argument.ToString())
                {
                    throw new SqlException(SqlState.InvalidColumnReference, "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list", call.OrderBy![0].Expr.Position + 1);
                }
            }
        }

        if (aggregate.Kind is not (AggregateKind.StringAgg or AggregateKind.ArrayAgg))
        {
            return aggregate;
        }

        return new BoundAggregate(aggregate.Kind, aggregate.Argument, aggregate.Distinct, aggregate.Type) { Ordering = aggregate.Ordering, OrderBy = keys };
    }

    /// <summary>percentile_cont / percentile_disc / mode WITHIN GROUP (ORDER BY key).</summary>
    private BoundAggregate BindOrderedSetAggregate(FunctionCall call, Clause clause)
    {
        if (UnbuiltFunctions.Contains(call.Name))
        {
            throw SqlException.NotSupported($"function {call.Name}", call.Position + 1);
        }

        if (call.Name == "approx_percentile_cont" && call.WithinGroup is { Count: 1 } within && call.OrderBy is null)
        {
            // InfluxDB 3's form approx_percentile_cont(p[, centroids]) WITHIN GROUP (ORDER BY x) is
            // approx_percentile_cont(x, p[, centroids]). DESC would ask for the 1 − p percentile.
            if (within[0].Descending || within[0].NullsFirst is not null)
            {
                throw SqlException.NotSupported("approx_percentile_cont WITHIN GROUP (ORDER BY ... DESC or NULLS)", within[0].Expr.Position + 1);
            }

            return BindApprox(new FunctionCall(call.Name, [within[0].Expr, .. call.Args], call.Distinct, call.StarArgument) { Position = call.Position }, clause);
        }

        AggregateKind kind = call.Name switch
        {
            "percentile_cont" => AggregateKind.PercentileCont,
            "percentile_disc" => AggregateKind.PercentileDisc,
            "mode" => AggregateKind.Mode,
            _ => throw FunctionError(call, WithinGroupTypes(call, clause)),
        };
        if (call.WithinGroup is null)
        {
            // PostgreSQL looks for a plain function of that name and these arguments, and finds none.
            throw FunctionError(call, ArgumentTypes(call, clause));
        }

        if (_windowDepth > 0)
        {
            throw new SqlException(SqlState.WrongObjectType, $"OVER is not supported for ordered-set aggregate {call.Name}", call.Position + 1);
        }

        CheckAggregatePlacement(call, clause);
        if (call.Distinct || call.OrderBy is not null)
        {
            throw new SqlException(SqlState.SyntaxError, "cannot use DISTINCT or ORDER BY with WITHIN GROUP", call.Position + 1);
        }

        int fractions = kind == AggregateKind.Mode ? 0 : 1;
        if (call.StarArgument || call.Args.Count != fractions || call.WithinGroup.Count != 1)
        {
            throw new SqlException(SqlState.UndefinedFunction, $"function {call.Name} does not exist with {call.Args.Count} direct and {call.WithinGroup.Count} ordered arguments", call.Position + 1,
                hint: "No function matches the given name and argument types. You might need to add explicit type casts.");
        }

        double fraction = fractions == 0 ? 0 : BindFraction(call, clause);
        BoundSortKey key = BindAggregateSortKeys(call.WithinGroup, clause)[0];
        DataType type = key.Expr.Type;
        if (kind == AggregateKind.PercentileCont)
        {
            BoundExpr value = type == DataType.Interval ? key.Expr : Coerce(key.Expr, DataType.Float64, call.WithinGroup[0].Expr.Position)
                ?? throw FunctionError(call, [DataType.Float64, type]);
            key = key with { Expr = value };
            type = value.Type;
        }
        else if (type is DataType.Null or DataType.Boolean && kind == AggregateKind.PercentileDisc)
        {
            throw FunctionError(call, [DataType.Float64, type]);
        }

        return new BoundAggregate(kind, key.Expr, false, type) { OrderBy = [key], Fraction = fraction };
    }

    /// <summary>The types of the direct arguments then the WITHIN GROUP keys, for 42883 (PostgreSQL names the call so).</summary>
    private List<DataType?> WithinGroupTypes(FunctionCall call, Clause clause)
    {
        List<DataType?> types = ArgumentTypes(call, clause);
        foreach (BoundSortKey key in BindAggregateSortKeys(call.WithinGroup!, clause))
        {
            types.Add(key.Expr.Type);
        }

        return types;
    }

    /// <summary>The constant fraction of a percentile (NaN for NULL); 22003 outside [0, 1], 0A000 when not a constant.</summary>
    private double BindFraction(FunctionCall call, Clause clause)
    {
        BoundExpr bound = Bind(call.Args[0], clause);
        BoundExpr fraction = Coerce(bound, DataType.Float64, call.Args[0].Position) ?? throw FunctionError(call, [bound.Type]);
        if (fraction.Any(static e => e is BoundColumn or BoundAggregate or BoundParameter or BoundOuterReference or BoundSubqueryValue))
        {
            throw SqlException.NotSupported($"a fraction of {call.Name} that is not a constant", call.Args[0].Position + 1);
        }

        ScalarValue value = ConstantEvaluator.Evaluate(fraction);
        if (value.IsNull)
        {
            return double.NaN;
        }

        double p = (double)value.Value!;
        if (p < 0 || p > 1 || double.IsNaN(p))
        {
            throw new SqlException(SqlState.NumericValueOutOfRange, $"percentile value {p.ToString("G", System.Globalization.CultureInfo.InvariantCulture)} is not between 0 and 1");
        }

        return p;
    }

    /// <summary>The sort keys of an aggregate's ordering, bound inside the aggregate (no nested aggregates).</summary>
    private List<BoundSortKey> BindAggregateSortKeys(IReadOnlyList<OrderByItem> items, Clause clause)
    {
        var keys = new List<BoundSortKey>(items.Count);
        bool outer = _inAggregate;
        _inAggregate = true;
        try
        {
            foreach (OrderByItem item in items)
            {
                BoundExpr expr = ResolveUnknown(Bind(item.Expr, clause));
                keys.Add(new BoundSortKey(expr, item.Descending, item.NullsFirst ?? item.Descending));
            }
        }
        finally
        {
            _inAggregate = outer;
        }

        return keys;
    }
}
