using IOx.Pg.Executor.Functions.Numeric;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Math function resolution as PostgreSQL does it: integers and real take the double precision
/// version (float8 is the preferred numeric type), numeric its own; round/trunc with a scale exist
/// only for numeric; mod for integers and numeric. Numeric sqrt/ln/log/exp/power (PostgreSQL's
/// arbitrary-precision results) are not built: 0A000.
/// </summary>
public sealed partial class Binder
{
    /// <summary>A math function call, or null when <paramref name="call"/> is not one of them (or no signature fits).</summary>
    private static BoundExpr? BindMathFunction(FunctionCall call, List<BoundExpr> args)
    {
        string name = call.Name;
        MathOp? unary = name switch
        {
            "ceil" or "ceiling" => MathOp.Ceil,
            "floor" => MathOp.Floor,
            "round" => MathOp.Round,
            "trunc" => MathOp.Trunc,
            "sign" => MathOp.Sign,
            "sqrt" => MathOp.Sqrt,
            "ln" => MathOp.Ln,
            "log" or "log10" => MathOp.Log10,
            "exp" => MathOp.Exp,
            _ => null,
        };

        if (unary is not null && args.Count == 1)
        {
            DataType t = NumericArgumentType(args[0]);
            if (!TypeNames.IsNumeric(t))
            {
                return null;
            }

            if (t == DataType.Numeric)
            {
                if (unary is MathOp.Sqrt or MathOp.Ln or MathOp.Log10 or MathOp.Exp)
                {
                    throw SqlException.NotSupported($"{name}(numeric)", call.Position + 1);
                }

                return new BoundFunction(new DecimalMathFunction(unary.Value, name), [ToType(args[0], DataType.Numeric, call.Args[0].Position)]);
            }

            return new BoundFunction(new FloatMathFunction(unary.Value, name), [ToType(args[0], DataType.Float64, call.Args[0].Position)]);
        }

        if (name is "round" or "trunc" && args.Count == 2)
        {
            BoundExpr? value = Coerce(args[0].Type == DataType.UInt64 ? new BoundCast(args[0], DataType.Numeric) : args[0], DataType.Numeric, call.Args[0].Position);
            BoundExpr? scale = Coerce(args[1], DataType.Int32, call.Args[1].Position);
            return value is null || scale is null || value.Type != DataType.Numeric || scale.Type != DataType.Int32
                ? null
                : new BoundFunction(new DecimalMathFunction(name == "round" ? MathOp.Round : MathOp.Trunc, name), [value, scale]);
        }

        if (name is "power" or "pow" && args.Count == 2)
        {
            DataType a = NumericArgumentType(args[0]);
            DataType b = NumericArgumentType(args[1]);
            if (!TypeNames.IsNumeric(a) || !TypeNames.IsNumeric(b))
            {
                return null;
            }

            if (a == DataType.Numeric || b == DataType.Numeric)
            {
                throw SqlException.NotSupported($"{name}(numeric, numeric)", call.Position + 1);
            }

            return new BoundFunction(new PowerFunction(name),
                [ToType(args[0], DataType.Float64, call.Args[0].Position), ToType(args[1], DataType.Float64, call.Args[1].Position)]);
        }

        if (name == "log" && args.Count == 2)
        {
            throw SqlException.NotSupported("log(numeric, numeric)", call.Position + 1);
        }

        if (name == "mod" && args.Count == 2)
        {
            DataType a = NumericArgumentType(args[0], args[1]);
            DataType b = NumericArgumentType(args[1], args[0]);
            DataType? common = TypeResolver.Common(a, b);
            if (common is not (DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Numeric))
            {
                return null;
            }

            return new BoundFunction(new ModFunction(common.Value),
                [ToType(args[0], common.Value, call.Args[0].Position), ToType(args[1], common.Value, call.Args[1].Position)]);
        }

        return null;
    }

    /// <summary>The numeric type an argument resolves as: unsigned is numeric, an unknown literal the other's type or double precision.</summary>
    private static DataType NumericArgumentType(BoundExpr e, BoundExpr? other = null)
    {
        if (e is BoundLiteral { IsUnknown: true } || e.Type == DataType.Null)
        {
            return other is not null && other is not BoundLiteral { IsUnknown: true } && other.Type != DataType.Null
                ? NumericArgumentType(other)
                : DataType.Float64;
        }

        return e.Type == DataType.UInt64 ? DataType.Numeric : e.Type;
    }

    /// <summary>Converts a math argument to <paramref name="type"/> (implicitly allowed by the resolution above).</summary>
    private static BoundExpr ToType(BoundExpr e, DataType type, int position)
    {
        if (e.Type == DataType.UInt64)
        {
            e = new BoundCast(e, DataType.Numeric);
        }

        if (e.Type == DataType.Null)
        {
            return new BoundLiteral(ScalarValue.Null(type));
        }

        return Coerce(e, type, position) ?? new BoundCast(e, type);
    }
}
