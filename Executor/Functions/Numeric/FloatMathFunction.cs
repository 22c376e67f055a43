using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Numeric;

/// <summary>
/// ceil, floor, round, trunc, sign, sqrt, ln, log, exp over double precision (integers and real
/// resolve here, as in PostgreSQL). Domain errors follow PostgreSQL's float8 functions: sqrt of a
/// negative number 2201F, ln/log of zero or a negative number 2201E, exp overflow 22003.
/// NULL rows are skipped by the checks.
/// </summary>
public sealed class FloatMathFunction(MathOp op, string name) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => name;

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Float64;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var input = (PrimitiveColumn<double>)args[0];
        ReadOnlySpan<double> x = input.Values;
        var result = new double[length];
        switch (op)
        {
            case MathOp.Ceil:
                for (int i = 0; i < length; i++)
                {
                    result[i] = Math.Ceiling(x[i]);
                }

                break;
            case MathOp.Floor:
                for (int i = 0; i < length; i++)
                {
                    result[i] = Math.Floor(x[i]);
                }

                break;
            case MathOp.Round:
                for (int i = 0; i < length; i++)
                {
                    result[i] = Math.Round(x[i], MidpointRounding.ToEven);
                }

                break;
            case MathOp.Trunc:
                for (int i = 0; i < length; i++)
                {
                    result[i] = Math.Truncate(x[i]);
                }

                break;
            case MathOp.Sign:
                for (int i = 0; i < length; i++)
                {
                    double v = x[i];
                    result[i] = v > 0 ? 1 : v < 0 ? -1 : 0;
                }

                break;
            case MathOp.Sqrt:
                for (int i = 0; i < length; i++)
                {
                    double v = x[i];
                    if (v < 0 && !input.IsNull(i))
                    {
                        throw new SqlException(SqlState.InvalidArgumentForPowerFunction, "cannot take square root of a negative number");
                    }

                    result[i] = Math.Sqrt(v);
                }

                break;
            case MathOp.Ln or MathOp.Log10:
                for (int i = 0; i < length; i++)
                {
                    double v = x[i];
                    if (v <= 0 && !input.IsNull(i))
                    {
                        throw new SqlException(SqlState.InvalidArgumentForLogarithm,
                            v == 0 ? "cannot take logarithm of zero" : "cannot take logarithm of a negative number");
                    }

                    result[i] = op == MathOp.Ln ? Math.Log(v) : Math.Log10(v);
                }

                break;
            default:
                for (int i = 0; i < length; i++)
                {
                    double v = x[i];
                    double e = Math.Exp(v);
                    if (double.IsInfinity(e) && !double.IsInfinity(v) && !input.IsNull(i))
                    {
                        throw new SqlException(SqlState.NumericValueOutOfRange, "value out of range: overflow");
                    }

                    result[i] = e;
                }

                break;
        }

        return new PrimitiveColumn<double>(DataType.Float64, result, length, input.ValidityBuffer, input.NullCount);
    }
}
