using System.Globalization;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// InfluxDB 3's approximate aggregates: approx_distinct(x) → bigint (exact up to 1024 distinct
/// values, HyperLogLog beyond: 0.81 % standard error); approx_percentile_cont(x, p[, centroids]) and
/// approx_median(x) → double precision (DataFusion's t-digest estimate over the exact values up to
/// 4096 values per group, within 1 % relative of percentile_cont beyond; see ApproxPercentileSketch).
/// p is a constant in [0, 1]; DataFusion's optional t-digest size is accepted (a positive integer
/// constant) and does not change our sketch. approx_percentile_cont(p[, centroids]) WITHIN GROUP
/// (ORDER BY x) is the same call (bound in Binder.AggregateOrder).
/// </summary>
public sealed partial class Binder
{
    /// <summary>Binds approx_distinct, approx_median or approx_percentile_cont.</summary>
    private BoundAggregate BindApprox(FunctionCall call, Clause clause)
    {
        if (call.StarArgument || call.Distinct)
        {
            throw SqlException.NotSupported($"{(call.StarArgument ? "*" : "DISTINCT")} in {call.Name}()", call.Position + 1);
        }

        int arity = call.Args.Count;
        bool ok = call.Name switch
        {
            "approx_percentile_cont" => arity is 2 or 3,
            _ => arity == 1,
        };
        if (!ok)
        {
            throw FunctionError(call, ArgumentTypes(call, clause));
        }

        CheckAggregatePlacement(call, clause);
        _inAggregate = true;
        BoundExpr argument;
        try
        {
            argument = ResolveUnknown(Bind(call.Args[0], clause));
        }
        finally
        {
            _inAggregate = false;
        }

        if (call.Name == "approx_distinct")
        {
            if (argument.Type is not (DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.UInt64 or DataType.Float32 or DataType.Float64
                or DataType.Numeric or DataType.Utf8 or DataType.Boolean or DataType.Timestamp or DataType.TimestampNoTz or DataType.Date))
            {
                throw FunctionError(call, [argument.Type]);
            }

            return new BoundAggregate(AggregateKind.ApproxDistinct, argument, false, DataType.Int64);
        }

        double p = call.Name == "approx_median" ? 0.5 : ConstantNumber(call, 1, clause);
        if (AggregateFunctions.ResultType(AggregateKind.ApproxPercentileCont, argument.Type) is null)
        {
            throw FunctionError(call, ArgumentTypes(call, clause));
        }

        if (!(p >= 0 && p <= 1))
        {
            throw new SqlException(SqlState.NumericValueOutOfRange,
                $"percentile value {p.ToString(CultureInfo.InvariantCulture)} is not between 0 and 1", call.Args[1].Position + 1);
        }

        if (arity == 3 && ConstantNumber(call, 2, clause) is var centroids && !(centroids >= 1 && centroids == Math.Floor(centroids)))
        {
            throw new SqlException(SqlState.InvalidParameterValue, $"{call.Name}() centroids must be a positive integer", call.Args[2].Position + 1);
        }

        return new BoundAggregate(AggregateKind.ApproxPercentileCont, argument, false, DataType.Float64)
        {
            Ordering = new BoundLiteral(new ScalarValue(DataType.Float64, p)),
        };
    }

    /// <summary>Argument <paramref name="index"/> of <paramref name="call"/> as a number; it must be a constant (0A000 otherwise).</summary>
    private double ConstantNumber(FunctionCall call, int index, Clause clause)
    {
        BoundExpr bound = Bind(call.Args[index], clause);
        if (bound is BoundLiteral { Parameters: null } literal && !literal.Value.IsNull)
        {
            switch (literal.Value.Value)
            {
                case double d:
                    return d;
                case float f:
                    return f;
                case decimal m:
                    return (double)m;
                case long l:
                    return l;
                case int i:
                    return i;
                case short s:
                    return s;
                case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed):
                    return parsed;
            }
        }

        if (bound.Type is not (DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Float32 or DataType.Float64 or DataType.Numeric or DataType.Null)
            && bound is not BoundLiteral { IsUnknown: true })
        {
            throw FunctionError(call, ArgumentTypes(call, clause));
        }

        throw SqlException.NotSupported($"{call.Name}() with an argument {index + 1} that is not a constant number", call.Args[index].Position + 1);
    }
}
