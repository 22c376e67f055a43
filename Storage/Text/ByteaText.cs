using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Storage.Text;

/// <summary>
/// bytea's text forms as PostgreSQL 15 reads and writes them: byteain (hex <c>\x…</c> or the
/// escape form), byteaout under bytea_output (hex or escape), and the hex / escape codecs of
/// encode() and decode(). Writers fill a caller's span; lengths are computed first so the wire
/// encoder can reserve exactly.
/// </summary>
public static class ByteaText
{
    /// <summary>Lowercase hex digits, as PostgreSQL writes them.</summary>
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>byteain: <c>\x</c> then hex pairs (whitespace between pairs), else the escape form.</summary>
    public static byte[] Parse(ReadOnlySpan<byte> text)
    {
        if (text.Length >= 2 && text[0] == (byte)'\\' && text[1] == (byte)'x')
        {
            return DecodeHex(text[2..]);
        }

        return DecodeEscape(text);
    }

    /// <summary>
    /// hex_decode: pairs of hex digits; whitespace is skipped only before a pair. 22023 for a
    /// non-hex digit or an odd count, with PostgreSQL's messages.
    /// </summary>
    public static byte[] DecodeHex(ReadOnlySpan<byte> hex)
    {
        var output = new byte[hex.Length / 2];
        int count = 0;
        int i = 0;
        while (i < hex.Length)
        {
            byte c = hex[i];
            if (c is (byte)' ' or (byte)'\n' or (byte)'\t' or (byte)'\r' or (byte)'\v' or (byte)'\f')
            {
                i++;
                continue;
            }

            int high = HexValue(hex, i);
            i++;
            if (i >= hex.Length)
            {
                throw new SqlException(SqlState.InvalidParameterValue, "invalid hexadecimal data: odd number of digits");
            }

            int low = HexValue(hex, i);
            i++;
            output[count++] = (byte)((high << 4) | low);
        }

        return count == output.Length ? output : output.AsSpan(0, count).ToArray();
    }

    /// <summary>The value of the hex digit at <paramref name="index"/>, or 22023 naming the character.</summary>
    private static int HexValue(ReadOnlySpan<byte> hex, int index)
    {
        byte c = hex[index];
        return c switch
        {
            >= (byte)'0' and <= (byte)'9' => c - '0',
            >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
            _ => throw new SqlException(SqlState.InvalidParameterValue, $"invalid hexadecimal digit: \"{CharacterAt(hex, index)}\""),
        };
    }

    /// <summary>The whole (UTF-8) character starting at <paramref name="index"/>, as PostgreSQL quotes it.</summary>
    private static string CharacterAt(ReadOnlySpan<byte> text, int index)
    {
        int length = 1;
        byte lead = text[index];
        if (lead >= 0xF0)
        {
            length = 4;
        }
        else if (lead >= 0xE0)
        {
            length = 3;
        }
        else if (lead >= 0xC0)
        {
            length = 2;
        }

        return System.Text.Encoding.UTF8.GetString(text.Slice(index, Math.Min(length, text.Length - index)));
    }

    /// <summary>
    /// The escape form (byteain without <c>\x</c>, decode(…, 'escape')): <c>\\</c> is a backslash,
    /// <c>\ooo</c> (first digit 0-3) an octal byte, any other backslash is 22P02.
    /// </summary>
    public static byte[] DecodeEscape(ReadOnlySpan<byte> text)
    {
        var output = new byte[text.Length];
        int count = 0;
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] != (byte)'\\')
            {
                output[count++] = text[i++];
            }
            else if (i + 3 < text.Length && IsOctal(text[i + 1], '3') && IsOctal(text[i + 2], '7') && IsOctal(text[i + 3], '7'))
            {
                output[count++] = (byte)(((text[i + 1] - '0') << 6) | ((text[i + 2] - '0') << 3) | (text[i + 3] - '0'));
                i += 4;
            }
            else if (i + 1 < text.Length && text[i + 1] == (byte)'\\')
            {
                output[count++] = (byte)'\\';
                i += 2;
            }
            else
            {
                throw new SqlException(SqlState.InvalidTextRepresentation, "invalid input syntax for type bytea");
            }
        }

        return count == output.Length ? output : output.AsSpan(0, count).ToArray();
    }

    /// <summary>Whether <paramref name="c"/> is an octal digit no greater than <paramref name="max"/>.</summary>
    private static bool IsOctal(byte c, char max) => c >= (byte)'0' && c <= (byte)max;

    /// <summary>Bytes of byteaout's hex form: <c>\x</c> and two digits a byte.</summary>
    public static int HexOutputLength(ReadOnlySpan<byte> value) => 2 + (2 * value.Length);

    /// <summary>Writes byteaout's hex form (<c>\x</c> + lowercase hex); returns the byte count.</summary>
    public static int WriteHexOutput(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        destination[0] = (byte)'\\';
        destination[1] = (byte)'x';
        return 2 + WriteHex(value, destination[2..]);
    }

    /// <summary>Writes lowercase hex digits, two a byte (encode(…, 'hex')); returns the byte count.</summary>
    public static int WriteHex(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        ReadOnlySpan<byte> digits = HexDigits;
        for (int i = 0; i < value.Length; i++)
        {
            destination[2 * i] = digits[value[i] >> 4];
            destination[(2 * i) + 1] = digits[value[i] & 0xF];
        }

        return 2 * value.Length;
    }

    /// <summary>
    /// Whether byte <paramref name="b"/> is written as <c>\ooo</c>: byteaout's escape form octal-escapes
    /// every non-printable byte (below 0x20 or above 0x7e); encode(…, 'escape') only NUL and high bytes.
    /// </summary>
    private static bool NeedsOctal(byte b, bool output) => output ? b < 0x20 || b > 0x7e : b == 0 || b >= 0x80;

    /// <summary>Bytes of the escape form of <paramref name="value"/> (byteaout when <paramref name="output"/>, else encode's).</summary>
    public static int EscapeLength(ReadOnlySpan<byte> value, bool output)
    {
        int length = 0;
        foreach (byte b in value)
        {
            length += b == (byte)'\\' ? 2 : NeedsOctal(b, output) ? 4 : 1;
        }

        return length;
    }

    /// <summary>Writes the escape form (byteaout when <paramref name="output"/>, else encode's); returns the byte count.</summary>
    public static int WriteEscape(ReadOnlySpan<byte> value, bool output, Span<byte> destination)
    {
        int at = 0;
        foreach (byte b in value)
        {
            if (b == (byte)'\\')
            {
                destination[at++] = (byte)'\\';
                destination[at++] = (byte)'\\';
            }
            else if (NeedsOctal(b, output))
            {
                destination[at++] = (byte)'\\';
                destination[at++] = (byte)('0' + (b >> 6));
                destination[at++] = (byte)('0' + ((b >> 3) & 7));
                destination[at++] = (byte)('0' + (b & 7));
            }
            else
            {
                destination[at++] = b;
            }
        }

        return at;
    }

    /// <summary>byteaout as a string (plan-time and cast use; allocates).</summary>
    public static string Format(ReadOnlySpan<byte> value, bool escape)
    {
        var bytes = new byte[escape ? EscapeLength(value, true) : HexOutputLength(value)];
        int n = escape ? WriteEscape(value, true, bytes) : WriteHexOutput(value, bytes);
        return System.Text.Encoding.UTF8.GetString(bytes, 0, n);
    }

    /// <summary>byteaout's hex form as a string.</summary>
    public static string FormatHex(ReadOnlySpan<byte> value) => Format(value, escape: false);
}
