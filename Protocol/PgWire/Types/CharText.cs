namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>
/// PostgreSQL's <c>"char"</c> (OID 18): one byte. IOx.Pg holds it as text in charout's form: the
/// empty string for the zero byte, the character itself below 128, <c>\ooo</c> (three octal
/// digits) above, so the text output is the value and the binary form (the byte) is recovered.
/// </summary>
public static class CharText
{
    /// <summary>charout of <paramref name="value"/>.</summary>
    public static string FromByte(byte value) => value switch
    {
        0 => string.Empty,
        < 128 => ((char)value).ToString(),
        _ => $"\\{(char)('0' + (value >> 6))}{(char)('0' + ((value >> 3) & 7))}{(char)('0' + (value & 7))}",
    };

    /// <summary>charin of the UTF-8 text <paramref name="input"/>: <c>\ooo</c> is that byte, else the first byte (0 when empty).</summary>
    public static byte ParseByte(ReadOnlySpan<byte> input)
    {
        if (input.Length == 4 && input[0] == '\\' && IsOctal(input[1]) && IsOctal(input[2]) && IsOctal(input[3]))
        {
            // charin reads \ooo with the top digit unchecked: \777 wraps into a byte as it does there.
            return (byte)(((input[1] - '0') << 6) | ((input[2] - '0') << 3) | (input[3] - '0'));
        }

        return input.IsEmpty ? (byte)0 : input[0];
    }

    /// <summary>The byte a held value (charout's form, UTF-8) stands for.</summary>
    public static byte ToByte(ReadOnlySpan<byte> held) => ParseByte(held);

    /// <summary>Whether <paramref name="b"/> is an octal digit.</summary>
    private static bool IsOctal(byte b) => b is >= (byte)'0' and <= (byte)'7';
}
