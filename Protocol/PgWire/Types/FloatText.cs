using System.Globalization;

namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>
/// float8out / float4out of PostgreSQL 12+ with extra_float_digits &gt; 0 (the default 1): the
/// shortest digit string that reads back to the same value (Ryu), printed as
/// <c>d.ddde±XX</c> when the decimal exponent is &lt; -4 or &gt;= 15 (float4: 6), otherwise in
/// plain notation; NaN, Infinity, -Infinity and -0 spelled as PostgreSQL does. The shortest
/// digits come from .NET's round-trip formatting (also shortest, closest to the exact value);
/// only the layout is PostgreSQL's.
/// </summary>
public static class FloatText
{
    /// <summary>Bytes that always suffice for one value.</summary>
    public const int MaxLength = 32;

    /// <summary>Writes <paramref name="value"/> as float8out does; returns the byte count. <paramref name="destination"/> must hold <see cref="MaxLength"/>.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            return FormatSpecial(double.IsNaN(value), double.IsPositiveInfinity(value), double.IsNegativeInfinity(value), double.IsNegative(value), destination);
        }

        Span<byte> shortest = stackalloc byte[MaxLength];
        value.TryFormat(shortest, out int written, "R", CultureInfo.InvariantCulture);
        return Layout(shortest[..written], 15, destination);
    }

    /// <summary>Writes <paramref name="value"/> as float4out does; returns the byte count. <paramref name="destination"/> must hold <see cref="MaxLength"/>.</summary>
    public static int Format(float value, Span<byte> destination)
    {
        if (!float.IsFinite(value) || value == 0)
        {
            return FormatSpecial(float.IsNaN(value), float.IsPositiveInfinity(value), float.IsNegativeInfinity(value), float.IsNegative(value), destination);
        }

        Span<byte> shortest = stackalloc byte[MaxLength];
        value.TryFormat(shortest, out int written, "R", CultureInfo.InvariantCulture);
        return Layout(shortest[..written], 6, destination);
    }

    /// <summary>NaN, infinities and (negative) zero.</summary>
    private static int FormatSpecial(bool nan, bool positiveInfinity, bool negativeInfinity, bool negative, Span<byte> destination)
    {
        ReadOnlySpan<byte> text = nan ? "NaN"u8
            : positiveInfinity ? "Infinity"u8
            : negativeInfinity ? "-Infinity"u8
            : negative ? "-0"u8
            : "0"u8;
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>
    /// Re-lays out .NET's round-trip text (e.g. "-1.5E-05", "0.0001", "123") as PostgreSQL
    /// does: extracts the significant digits and the decimal exponent, then picks scientific
    /// notation when exponent &lt; -4 or &gt;= <paramref name="maxFixedExponent"/>.
    /// </summary>
    private static int Layout(ReadOnlySpan<byte> text, int maxFixedExponent, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[MaxLength];
        int count = 0;
        int integerDigits = 0;
        bool seenPoint = false;
        int i = 0;
        bool negative = text[0] == (byte)'-';
        if (negative)
        {
            i++;
        }

        for (; i < text.Length && text[i] != (byte)'E'; i++)
        {
            if (text[i] == (byte)'.')
            {
                seenPoint = true;
            }
            else
            {
                digits[count++] = text[i];
                if (!seenPoint)
                {
                    integerDigits++;
                }
            }
        }

        int exponent10 = 0;
        if (i < text.Length)
        {
            i++;
            bool negativeExponent = text[i] == (byte)'-';
            if (text[i] is (byte)'-' or (byte)'+')
            {
                i++;
            }

            for (; i < text.Length; i++)
            {
                exponent10 = (exponent10 * 10) + (text[i] - (byte)'0');
            }

            if (negativeExponent)
            {
                exponent10 = -exponent10;
            }
        }

        // value = 0.d1d2...dn × 10^(integerDigits + exponent10); drop leading and trailing zeros.
        int first = 0;
        while (first < count && digits[first] == (byte)'0')
        {
            first++;
            integerDigits--;
        }

        while (count > first && digits[count - 1] == (byte)'0')
        {
            count--;
        }

        ReadOnlySpan<byte> significant = digits[first..count];
        int exponent = integerDigits + exponent10 - 1;
        int pos = 0;
        if (negative)
        {
            destination[pos++] = (byte)'-';
        }

        if (exponent < -4 || exponent >= maxFixedExponent)
        {
            destination[pos++] = significant[0];
            if (significant.Length > 1)
            {
                destination[pos++] = (byte)'.';
                significant[1..].CopyTo(destination[pos..]);
                pos += significant.Length - 1;
            }

            destination[pos++] = (byte)'e';
            destination[pos++] = exponent < 0 ? (byte)'-' : (byte)'+';
            int magnitude = Math.Abs(exponent);
            if (magnitude >= 100)
            {
                destination[pos++] = (byte)('0' + (magnitude / 100));
                magnitude %= 100;
            }

            destination[pos++] = (byte)('0' + (magnitude / 10));
            destination[pos++] = (byte)('0' + (magnitude % 10));
            return pos;
        }

        if (exponent < 0)
        {
            destination[pos++] = (byte)'0';
            destination[pos++] = (byte)'.';
            for (int z = -exponent - 1; z > 0; z--)
            {
                destination[pos++] = (byte)'0';
            }

            significant.CopyTo(destination[pos..]);
            return pos + significant.Length;
        }

        int whole = exponent + 1;
        if (significant.Length <= whole)
        {
            significant.CopyTo(destination[pos..]);
            pos += significant.Length;
            for (int z = whole - significant.Length; z > 0; z--)
            {
                destination[pos++] = (byte)'0';
            }

            return pos;
        }

        significant[..whole].CopyTo(destination[pos..]);
        pos += whole;
        destination[pos++] = (byte)'.';
        significant[whole..].CopyTo(destination[pos..]);
        return pos + significant.Length - whole;
    }
}
