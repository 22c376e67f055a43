using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Numeric;

/// <summary>
/// ceil, floor, round, trunc, sign over numeric, and round(numeric, s) / trunc(numeric, s) with a
/// scale argument (integer; a negative scale rounds left of the point, as in PostgreSQL).
/// numeric round is half away from zero (round(2.5) = 3, round(-2.5) = -3). The result keeps the
/// requested scale (round(3.14159, 2) = 3.14; round(2.5) = 3).
/// </summary>
public sealed class DecimalMathFunction(MathOp op, string name) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => name;

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Numeric;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var input = (PrimitiveColumn<decimal>)args[0];
        var scales = args.Length > 1 ? (PrimitiveColumn<int>)args[1] : null;
        ReadOnlySpan<decimal> x = input.Values;
        var result = new decimal[length];
        byte[]? validity = input.ValidityBuffer;
        int nullCount = input.NullCount;
        if (scales is not null && scales.NullCount > 0)
        {
            validity = Kernels.Bitmaps.And(input, scales, length, out nullCount);
        }

        try
        {
            for (int i = 0; i < length; i++)
            {
                decimal v = x[i];
                int scale = scales is null ? 0 : scales.Buffer[i];
                result[i] = op switch
                {
                    MathOp.Ceil => decimal.Ceiling(v),
                    MathOp.Floor => decimal.Floor(v),
                    MathOp.Sign => decimal.Sign(v),
                    MathOp.Round => Scale(v, scale, MidpointRounding.AwayFromZero),
                    _ => Scale(v, scale, MidpointRounding.ToZero),
                };
            }
        }
        catch (OverflowException)
        {
            throw new SqlException(SqlState.NumericValueOutOfRange, "value overflows numeric format");
        }

        return new PrimitiveColumn<decimal>(DataType.Numeric, result, length, validity, nullCount);
    }

    /// <summary>Rounds or truncates <paramref name="v"/> to <paramref name="scale"/> fraction digits (negative: tens, hundreds, ...).</summary>
    private static decimal Scale(decimal v, int scale, MidpointRounding mode)
    {
        if (scale >= 0)
        {
            // decimal keeps trailing zeros as scale; PostgreSQL shows exactly min(scale, 28) digits.
            int s = Math.Min(scale, 28);
            decimal rounded = decimal.Round(v, s, mode);
            return rounded + new decimal(0, 0, 0, false, (byte)s);
        }

        if (scale < -28)
        {
            return 0m;
        }

        decimal factor = 1m;
        for (int i = 0; i < -scale; i++)
        {
            factor *= 10m;
        }

        return decimal.Round(v / factor, 0, mode) * factor;
    }
}
