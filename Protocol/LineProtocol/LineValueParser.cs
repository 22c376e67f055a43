using System.Globalization;
using System.Text;

namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>
/// Parses one unquoted field value token (float, <c>123i</c>, <c>123u</c>, boolean) and the
/// timestamp. Try-style: false with an error kind and message; no allocation on success.
/// </summary>
internal static class LineValueParser
{
    /// <summary>Parses an unquoted field value; <paramref name="bits"/> receives the float bits, int64, uint64 or 0/1.</summary>
    public static bool TryParseFieldValue(ReadOnlySpan<byte> token, out LineFieldType type, out ulong bits, out LineErrorKind error, out string? message)
    {
        error = LineErrorKind.None;
        message = null;
        bits = 0;
        byte last = token[^1];
        byte first = token[0];
        if ((first >= '0' && first <= '9') || first == '-' || first == '.')
        {
            if (last == 'i')
            {
                type = LineFieldType.Integer;
                return TryParseInt64(token[..^1], token, out bits, out error, out message);
            }

            if (last == 'u')
            {
                type = LineFieldType.UInteger;
                return TryParseUInt64(token[..^1], token, out bits, out error, out message);
            }

            type = LineFieldType.Float;
            return TryParseFloat(token, out bits, out error, out message);
        }

        type = LineFieldType.Boolean;
        if (IsTrue(token))
        {
            bits = 1;
            return true;
        }

        if (IsFalse(token))
        {
            return true;
        }

        error = LineErrorKind.InvalidFieldValue;
        message = $"invalid field value {Show(token)}: not a number, boolean or double-quoted string";
        return false;
    }

    /// <summary>Parses a timestamp: an optional '-' and decimal digits, within int64.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> token, out long value, out LineErrorKind error, out string? message)
    {
        value = 0;
        bool negative = token.Length > 0 && token[0] == '-';
        ReadOnlySpan<byte> digits = negative ? token[1..] : token;
        if (!TryParseMagnitude(digits, out ulong magnitude, out bool overflow))
        {
            error = overflow ? LineErrorKind.TimestampOutOfRange : LineErrorKind.InvalidTimestamp;
            message = overflow
                ? $"timestamp {Show(token)} is out of range for a 64-bit integer"
                : $"invalid timestamp {Show(token)}: expected an integer";
            return false;
        }

        if (!ApplySign(magnitude, negative, out value))
        {
            error = LineErrorKind.TimestampOutOfRange;
            message = $"timestamp {Show(token)} is out of range for a 64-bit integer";
            return false;
        }

        error = LineErrorKind.None;
        message = null;
        return true;
    }

    /// <summary>Whether <paramref name="token"/> spells true as InfluxDB accepts it.</summary>
    private static bool IsTrue(ReadOnlySpan<byte> token) =>
        token.SequenceEqual("t"u8) || token.SequenceEqual("T"u8) || token.SequenceEqual("true"u8) ||
        token.SequenceEqual("True"u8) || token.SequenceEqual("TRUE"u8);

    /// <summary>Whether <paramref name="token"/> spells false as InfluxDB accepts it.</summary>
    private static bool IsFalse(ReadOnlySpan<byte> token) =>
        token.SequenceEqual("f"u8) || token.SequenceEqual("F"u8) || token.SequenceEqual("false"u8) ||
        token.SequenceEqual("False"u8) || token.SequenceEqual("FALSE"u8);

    /// <summary>The digits of an <c>i</c> value, with an optional leading '-'.</summary>
    private static bool TryParseInt64(ReadOnlySpan<byte> number, ReadOnlySpan<byte> token, out ulong bits, out LineErrorKind error, out string? message)
    {
        bits = 0;
        bool negative = number.Length > 0 && number[0] == '-';
        if (!TryParseMagnitude(negative ? number[1..] : number, out ulong magnitude, out bool overflow) ||
            !ApplySign(magnitude, negative, out long value))
        {
            bool range = overflow || (number.Length > 1 && IsAllDigits(negative ? number[1..] : number));
            error = range ? LineErrorKind.NumberOutOfRange : LineErrorKind.InvalidFieldValue;
            message = range
                ? $"integer value {Show(token)} is out of range for a 64-bit signed integer"
                : $"invalid integer value {Show(token)}";
            return false;
        }

        bits = unchecked((ulong)value);
        error = LineErrorKind.None;
        message = null;
        return true;
    }

    /// <summary>The digits of a <c>u</c> value; no sign allowed.</summary>
    private static bool TryParseUInt64(ReadOnlySpan<byte> number, ReadOnlySpan<byte> token, out ulong bits, out LineErrorKind error, out string? message)
    {
        if (number.Length > 1 && number[0] == '-' && IsAllDigits(number[1..]))
        {
            bits = 0;
            error = LineErrorKind.NumberOutOfRange;
            message = $"unsigned value {Show(token)} is negative";
            return false;
        }

        if (!TryParseMagnitude(number, out bits, out bool overflow))
        {
            error = overflow ? LineErrorKind.NumberOutOfRange : LineErrorKind.InvalidFieldValue;
            message = overflow
                ? $"unsigned value {Show(token)} is out of range for a 64-bit unsigned integer"
                : $"invalid unsigned value {Show(token)}";
            return false;
        }

        error = LineErrorKind.None;
        message = null;
        return true;
    }

    /// <summary>Exact powers of ten as doubles (10^0..10^22 are all exactly representable).</summary>
    private static readonly double[] s_powersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// A float as InfluxDB spells it: <c>-?(digits[.digits*]|.digits)([eE][+-]?digits)?</c>. The grammar
    /// is checked here (so NaN, Infinity, hex and a leading '+' are refused). Fast path (Clinger):
    /// when the decimal digits form an integer m ≤ 2^53 and the power of ten p has |p| ≤ 22, both
    /// are exact doubles and the one multiplication or division is correctly rounded, so m·10^p is
    /// the exact IEEE result. Otherwise the runtime's correctly rounding parser decides. A value
    /// that overflows to infinity is out of range.
    /// </summary>
    private static bool TryParseFloat(ReadOnlySpan<byte> token, out ulong bits, out LineErrorKind error, out string? message)
    {
        bits = 0;
        int i = 0;
        bool negative = token[0] == '-';
        if (negative)
        {
            i++;
        }

        ulong mantissa = 0;
        bool mantissaExact = true;
        int digits = 0;
        int fractionDigits = 0;
        bool inFraction = false;
        for (; i < token.Length; i++)
        {
            byte b = token[i];
            uint d = (uint)(b - '0');
            if (d <= 9)
            {
                digits++;
                fractionDigits += inFraction ? 1 : 0;
                if (mantissa <= (ulong.MaxValue - 9) / 10)
                {
                    mantissa = (mantissa * 10) + d;
                }
                else
                {
                    mantissaExact = false;
                }
            }
            else if (b == '.' && !inFraction)
            {
                inFraction = true;
            }
            else
            {
                break;
            }
        }

        bool valid = digits > 0;
        int exponent = 0;
        if (valid && i < token.Length && (token[i] == 'e' || token[i] == 'E'))
        {
            i++;
            bool negativeExponent = false;
            if (i < token.Length && (token[i] == '+' || token[i] == '-'))
            {
                negativeExponent = token[i] == '-';
                i++;
            }

            int exponentDigits = 0;
            for (; i < token.Length && (uint)(token[i] - '0') <= 9; i++)
            {
                exponentDigits++;
                // Saturate: anything this large goes to the slow path anyway.
                exponent = exponent < 100_000 ? (exponent * 10) + (token[i] - '0') : exponent;
            }

            valid = exponentDigits > 0;
            exponent = negativeExponent ? -exponent : exponent;
        }

        if (!valid || i != token.Length)
        {
            error = LineErrorKind.InvalidFieldValue;
            message = $"invalid float value {Show(token)}";
            return false;
        }

        double value;
        int power = exponent - fractionDigits;
        if (mantissaExact && mantissa <= (1UL << 53) && power >= -22 && power <= 22)
        {
            value = power < 0 ? mantissa / s_powersOfTen[-power] : mantissa * s_powersOfTen[power];
            value = negative ? -value : value;
        }
        else if (!double.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            error = LineErrorKind.InvalidFieldValue;
            message = $"invalid float value {Show(token)}";
            return false;
        }

        if (!double.IsFinite(value))
        {
            error = LineErrorKind.NumberOutOfRange;
            message = $"float value {Show(token)} is out of range for a 64-bit float";
            return false;
        }

        bits = BitConverter.DoubleToUInt64Bits(value);
        error = LineErrorKind.None;
        message = null;
        return true;
    }

    /// <summary>Advances past decimal digits; returns how many.</summary>
    private static int CountDigits(ReadOnlySpan<byte> token, ref int i)
    {
        int start = i;
        while (i < token.Length && (uint)(token[i] - '0') <= 9)
        {
            i++;
        }

        return i - start;
    }

    /// <summary>Whether <paramref name="digits"/> is one or more decimal digits.</summary>
    private static bool IsAllDigits(ReadOnlySpan<byte> digits)
    {
        int i = 0;
        return CountDigits(digits, ref i) == digits.Length && digits.Length > 0;
    }

    /// <summary>Decimal digits to uint64; false if empty, not all digits, or overflowing (<paramref name="overflow"/> then true).</summary>
    private static bool TryParseMagnitude(ReadOnlySpan<byte> digits, out ulong value, out bool overflow)
    {
        value = 0;
        overflow = false;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (byte b in digits)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            // value * 10 + d must not pass ulong.MaxValue (18446744073709551615).
            if (value > (ulong.MaxValue - d) / 10)
            {
                overflow = !ContainsNonDigit(digits);
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    /// <summary>Whether any byte of <paramref name="digits"/> is not a decimal digit.</summary>
    private static bool ContainsNonDigit(ReadOnlySpan<byte> digits)
    {
        foreach (byte b in digits)
        {
            if ((uint)(b - '0') > 9)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Signs a magnitude into int64; false when it does not fit (the range is -2^63..2^63-1).</summary>
    private static bool ApplySign(ulong magnitude, bool negative, out long value)
    {
        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                value = 0;
                return false;
            }

            value = unchecked((long)(0 - magnitude));
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            value = 0;
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    /// <summary>A token quoted for an error message (invalid UTF-8 shows as U+FFFD).</summary>
    internal static string Show(ReadOnlySpan<byte> token) => "'" + Encoding.UTF8.GetString(token) + "'";
}
