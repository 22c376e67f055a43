using System.Buffers.Binary;

namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>
/// numeric_send: int16 ndigits, int16 weight, int16 sign (0x0000 +, 0x4000 -), int16 dscale,
/// then ndigits base-10000 digits, most significant first. The value is
/// Σ digit[i] × 10000^(weight - i); leading and trailing zero digits are stripped as
/// PostgreSQL's make_result does, and zero is (0 digits, weight 0, sign +, dscale).
/// </summary>
public static class NumericBinary
{
    /// <summary>Bytes that always suffice (a decimal has at most 29 digits + 3 padding = 8 groups; 10 with margin).</summary>
    public const int MaxLength = 8 + (2 * 10);

    /// <summary>Sign word of a positive value.</summary>
    private const short Positive = 0x0000;

    /// <summary>Sign word of a negative value.</summary>
    private const short Negative = 0x4000;

    /// <summary>Writes <paramref name="value"/> with its scale as dscale; returns the byte count.</summary>
    public static int Write(decimal value, Span<byte> destination)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        UInt128 mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        int scale = (bits[3] >> 16) & 0xFF;
        bool negative = bits[3] < 0;
        return Write(mantissa, scale, negative, destination);
    }

    /// <summary>Writes an unsigned 64-bit integer (dscale 0); returns the byte count.</summary>
    public static int Write(ulong value, Span<byte> destination) => Write(value, 0, negative: false, destination);

    /// <summary>Writes mantissa × 10^-scale; returns the byte count.</summary>
    private static int Write(UInt128 mantissa, int scale, bool negative, Span<byte> destination)
    {
        // Pad the fraction to whole base-10000 digits, so digit boundaries fall on the decimal point.
        int pad = (4 - (scale % 4)) % 4;
        for (int i = 0; i < pad; i++)
        {
            mantissa *= 10;
        }

        int fractionGroups = (scale + pad) / 4;
        Span<short> groups = stackalloc short[12];
        int count = 0;
        while (mantissa != 0)
        {
            groups[count++] = (short)(ushort)(mantissa % 10000);
            mantissa /= 10000;
        }

        // groups[0] is the least significant; strip trailing (least significant) zero groups.
        int low = 0;
        while (low < count && groups[low] == 0)
        {
            low++;
        }

        int ndigits = count - low;
        short weight = (short)(count - fractionGroups - 1);
        if (ndigits == 0)
        {
            weight = 0;
            negative = false;
        }

        BinaryPrimitives.WriteInt16BigEndian(destination, (short)ndigits);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], weight);
        BinaryPrimitives.WriteInt16BigEndian(destination[4..], negative ? Negative : Positive);
        BinaryPrimitives.WriteInt16BigEndian(destination[6..], (short)scale);
        int pos = 8;
        for (int i = count - 1; i >= low; i--)
        {
            BinaryPrimitives.WriteInt16BigEndian(destination[pos..], groups[i]);
            pos += 2;
        }

        return pos;
    }

    /// <summary>
    /// numeric_recv into a decimal: false for malformed input (bad sign word, digit outside
    /// 0..9999, length mismatch), NaN/infinity, or a value beyond System.Decimal's range.
    /// The result carries dscale as its scale, so 1.50 stays 1.50.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out decimal value)
    {
        value = 0m;
        if (source.Length < 8)
        {
            return false;
        }

        int ndigits = BinaryPrimitives.ReadInt16BigEndian(source);
        int weight = BinaryPrimitives.ReadInt16BigEndian(source[2..]);
        ushort sign = (ushort)BinaryPrimitives.ReadInt16BigEndian(source[4..]);
        int dscale = BinaryPrimitives.ReadInt16BigEndian(source[6..]);
        if (ndigits < 0 || source.Length != 8 + (2 * ndigits) || (sign != Positive && sign != (ushort)Negative) || dscale < 0 || dscale > 28)
        {
            return false;
        }

        try
        {
            // Σ digit[i] × 10000^(weight - i), accumulated exactly in decimal.
            decimal result = 0m;
            for (int i = 0; i < ndigits; i++)
            {
                int digit = BinaryPrimitives.ReadInt16BigEndian(source[(8 + (2 * i))..]);
                if (digit is < 0 or > 9999)
                {
                    return false;
                }

                int power = weight - i;
                decimal term = digit;
                for (int p = 0; p < power; p++)
                {
                    term *= 10000m;
                }

                for (int p = 0; p > power; p--)
                {
                    term /= 10000m;
                }

                result += term;
            }

            // Exactly dscale fraction digits: Round caps the scale, adding a zero of scale dscale
            // raises it (a decimal sum has the larger scale), so 1.50 stays 1.50.
            result = decimal.Round(result, dscale, MidpointRounding.AwayFromZero) + new decimal(0, 0, 0, false, (byte)dscale);
            value = sign == (ushort)Negative ? -result : result;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
