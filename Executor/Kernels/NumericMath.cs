using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Kernels;

/// <summary>
/// PostgreSQL numeric division on System.Decimal: the quotient is rounded (half away from zero) to
/// the scale PostgreSQL's select_div_scale picks, so 1/3 is 0.33333333333333333333 and avg of
/// integers shows 16 significant digits, as psql prints them. Limited by decimal's 28-29 digits.
/// </summary>
public static class NumericMath
{
    /// <summary>Minimum significant digits of a quotient (PostgreSQL NUMERIC_MIN_SIG_DIGITS).</summary>
    private const int MinSignificantDigits = 16;

    /// <summary>Divides row by row; division by zero is 22012.</summary>
    public static PrimitiveColumn<decimal> Divide(PrimitiveColumn<decimal> a, PrimitiveColumn<decimal> b, int length, byte[]? validity, int nullCount)
    {
        ReadOnlySpan<decimal> x = a.Values;
        ReadOnlySpan<decimal> y = b.Values;
        var result = new decimal[length];
        for (int i = 0; i < length; i++)
        {
            if (validity is not null && !BitUtil.Get(validity, i))
            {
                continue;
            }

            result[i] = Divide(x[i], y[i]);
        }

        return new PrimitiveColumn<decimal>(DataType.Numeric, result, length, validity, nullCount);
    }

    /// <summary>One numeric quotient with PostgreSQL's result scale.</summary>
    public static decimal Divide(decimal x, decimal y)
    {
        if (y == 0)
        {
            throw ArithmeticKernels.DivisionByZero();
        }

        int scale = Math.Min(DivisionScale(x, y), 28);
        decimal q = Math.Round(x / y, scale, MidpointRounding.AwayFromZero);
        return WithScale(q, scale);
    }

    /// <summary>
    /// <paramref name="value"/> shown with at least <paramref name="scale"/> decimals (3.5 → 3.5000000000000000),
    /// as PostgreSQL's numeric keeps its display scale; adding a zero of that scale widens the scale
    /// when the digits fit in a decimal.
    /// </summary>
    public static decimal WithScale(decimal value, int scale)
    {
        if (value.Scale >= scale)
        {
            return value;
        }

        try
        {
            decimal widened = value + new decimal(0, 0, 0, false, (byte)scale);
            return widened;
        }
        catch (OverflowException)
        {
            return value;
        }
    }

    /// <summary>PostgreSQL's select_div_scale over base-10000 digit weights.</summary>
    public static int DivisionScale(decimal x, decimal y)
    {
        (int weight1, int first1) = Weight(x);
        (int weight2, int first2) = Weight(y);
        int qweight = weight1 - weight2;
        if (first1 <= first2)
        {
            qweight--;
        }

        int rscale = MinSignificantDigits - (qweight * 4);
        rscale = Math.Max(rscale, x.Scale);
        rscale = Math.Max(rscale, y.Scale);
        return Math.Clamp(rscale, 0, 1000);
    }

    /// <summary>The weight (position) and value of the first non-zero base-10000 digit of |v|; (0, 0) for zero.</summary>
    private static (int Weight, int FirstDigit) Weight(decimal v)
    {
        v = Math.Abs(v);
        if (v == 0)
        {
            return (0, 0);
        }

        int weight = 0;
        while (v >= 10000)
        {
            v /= 10000;
            weight++;
        }

        while (v < 1)
        {
            v *= 10000;
            weight--;
        }

        return (weight, (int)Math.Truncate(v));
    }
}
