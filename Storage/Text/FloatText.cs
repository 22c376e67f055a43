namespace IOx.Pg.Storage.Text;

/// <summary>
/// float8out / float4out of PostgreSQL 12+ with extra_float_digits &gt; 0 (the default 1): the
/// shortest digits that identify the value, computed by the same Ryu variant PostgreSQL uses
/// (<see cref="RyuDouble"/>, <see cref="RyuSingle"/>), printed as <c>d.ddde±XX</c> when the
/// decimal exponent is &lt; -4 or &gt;= 15 (float4: 6), otherwise in plain notation; NaN,
/// Infinity, -Infinity and -0 spelled as PostgreSQL does.
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

        RyuDouble.Shortest(value, out ulong mantissa, out int exponent);
        return Layout(mantissa, exponent, double.IsNegative(value), 15, destination);
    }

    /// <summary>Writes <paramref name="value"/> as float4out does; returns the byte count. <paramref name="destination"/> must hold <see cref="MaxLength"/>.</summary>
    public static int Format(float value, Span<byte> destination)
    {
        if (!float.IsFinite(value) || value == 0)
        {
            return FormatSpecial(float.IsNaN(value), float.IsPositiveInfinity(value), float.IsNegativeInfinity(value), float.IsNegative(value), destination);
        }

        RyuSingle.Shortest(value, out uint mantissa, out int exponent);
        return Layout(mantissa, exponent, float.IsNegative(value), 6, destination);
    }

    /// <summary>
    /// float8out under <paramref name="extraFloatDigits"/>: above 0 the shortest exact digits
    /// (<see cref="Format(double, Span{byte})"/>); otherwise C's <c>%.*g</c> with
    /// 15 + extra_float_digits significant digits (at least 1), as PostgreSQL 12+ does for clients
    /// that ask for fewer digits.
    /// </summary>
    public static int Format(double value, int extraFloatDigits, Span<byte> destination)
    {
        if (extraFloatDigits > 0 || !double.IsFinite(value) || value == 0)
        {
            return Format(value, destination);
        }

        return FormatRounded(value, Math.Max(1, 15 + extraFloatDigits), double.IsNegative(value), destination);
    }

    /// <summary>float4out under <paramref name="extraFloatDigits"/>: shortest above 0, else <c>%.*g</c> with 6 + extra_float_digits digits (at least 1).</summary>
    public static int Format(float value, int extraFloatDigits, Span<byte> destination)
    {
        if (extraFloatDigits > 0 || !float.IsFinite(value) || value == 0)
        {
            return Format(value, destination);
        }

        return FormatRounded(value, Math.Max(1, 6 + extraFloatDigits), float.IsNegative(value), destination);
    }

    /// <summary>
    /// <c>%.{precision}g</c>: the value rounded to <paramref name="precision"/> significant digits
    /// (.NET's "E" format rounds the exact binary value correctly, as glibc's printf does), laid out
    /// like the shortest form: scientific when the exponent is &lt; -4 or &gt;= precision, trailing
    /// zeros dropped.
    /// </summary>
    private static int FormatRounded(double value, int precision, bool negative, Span<byte> destination)
    {
        Span<char> text = stackalloc char[40];
        Span<char> format = stackalloc char[3];
        format[0] = 'E';
        int formatLength = 1;
        int decimals = precision - 1;
        if (decimals >= 10)
        {
            format[formatLength++] = (char)('0' + (decimals / 10));
        }

        format[formatLength++] = (char)('0' + (decimals % 10));
        if (!Math.Abs(value).TryFormat(text, out int written, format[..formatLength], System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("a float did not fit its text buffer");
        }

        // d.dddE+xxx: the digits are the mantissa, the exponent shifts it.
        ulong mantissa = 0;
        int e = 0;
        for (; e < written && text[e] != 'E'; e++)
        {
            if (text[e] != '.')
            {
                mantissa = (mantissa * 10) + (ulong)(text[e] - '0');
            }
        }

        int exponent = int.Parse(text[(e + 1)..written], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);
        return Layout(mantissa, exponent - decimals, negative, precision, destination);
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
    /// Prints mantissa × 10^exponent as PostgreSQL's to_chars does: scientific notation when the
    /// display exponent is &lt; -4 or &gt;= <paramref name="maxFixedExponent"/> (trailing zeros of
    /// the mantissa move into the exponent), otherwise plain digits with the point inserted or
    /// zeros added.
    /// </summary>
    private static int Layout(ulong mantissa, int exponent, bool negative, int maxFixedExponent, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[20];
        int count = 0;
        for (ulong rest = mantissa; rest != 0; rest /= 10)
        {
            digits[count++] = (byte)('0' + (int)(rest % 10));
        }

        digits[..count].Reverse();
        int displayExponent = exponent + count - 1;
        while (count > 1 && digits[count - 1] == (byte)'0')
        {
            count--;
        }

        ReadOnlySpan<byte> significant = digits[..count];
        int pos = 0;
        if (negative)
        {
            destination[pos++] = (byte)'-';
        }

        if (displayExponent < -4 || displayExponent >= maxFixedExponent)
        {
            destination[pos++] = significant[0];
            if (significant.Length > 1)
            {
                destination[pos++] = (byte)'.';
                significant[1..].CopyTo(destination[pos..]);
                pos += significant.Length - 1;
            }

            destination[pos++] = (byte)'e';
            destination[pos++] = displayExponent < 0 ? (byte)'-' : (byte)'+';
            int magnitude = Math.Abs(displayExponent);
            if (magnitude >= 100)
            {
                destination[pos++] = (byte)('0' + (magnitude / 100));
                magnitude %= 100;
            }

            destination[pos++] = (byte)('0' + (magnitude / 10));
            destination[pos++] = (byte)('0' + (magnitude % 10));
            return pos;
        }

        if (displayExponent < 0)
        {
            destination[pos++] = (byte)'0';
            destination[pos++] = (byte)'.';
            for (int z = -displayExponent - 1; z > 0; z--)
            {
                destination[pos++] = (byte)'0';
            }

            significant.CopyTo(destination[pos..]);
            return pos + significant.Length;
        }

        int whole = displayExponent + 1;
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
