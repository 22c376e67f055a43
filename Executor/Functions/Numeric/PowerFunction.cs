using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Numeric;

/// <summary>
/// power(x, y) / pow over double precision. PostgreSQL's dpow errors: 0 to a negative power and a
/// negative number to a non-integer power are 2201F; an infinite result from finite input is 22003.
/// </summary>
public sealed class PowerFunction(string name) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => name;

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Float64;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var xs = (PrimitiveColumn<double>)args[0];
        var ys = (PrimitiveColumn<double>)args[1];
        ReadOnlySpan<double> x = xs.Values;
        ReadOnlySpan<double> y = ys.Values;
        byte[]? validity = Bitmaps.And(xs, ys, length, out int nullCount);
        var result = new double[length];
        for (int i = 0; i < length; i++)
        {
            double a = x[i];
            double b = y[i];
            double r = Math.Pow(a, b);
            if ((double.IsNaN(r) || double.IsInfinity(r)) && !double.IsNaN(a) && !double.IsNaN(b) && !double.IsInfinity(a) && !double.IsInfinity(b)
                && (validity is null || BitUtil.Get(validity, i)))
            {
                if (a == 0 && b < 0)
                {
                    throw new SqlException(SqlState.InvalidArgumentForPowerFunction, "zero raised to a negative power is undefined");
                }

                if (a < 0 && Math.Floor(b) != b)
                {
                    throw new SqlException(SqlState.InvalidArgumentForPowerFunction, "a negative number raised to a non-integer power yields a complex result");
                }

                throw new SqlException(SqlState.NumericValueOutOfRange, "value out of range: overflow");
            }

            result[i] = r;
        }

        return new PrimitiveColumn<double>(DataType.Float64, result, length, validity, nullCount);
    }
}
