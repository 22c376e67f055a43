using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Storage.Text;

/// <summary>
/// encode(…, 'base64') and decode(…, 'base64') as PostgreSQL 15's encode.c writes and reads them:
/// a newline after every 76 output characters, and on input whitespace skipped, '=' padding, and
/// 22023 for a bad symbol or a truncated end.
/// </summary>
public static class ByteaBase64
{
    /// <summary>The base64 alphabet.</summary>
    private static ReadOnlySpan<byte> Alphabet => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8;

    /// <summary>Bytes enough for the encoding of <paramref name="length"/> bytes (pg_base64_enc_len).</summary>
    public static int MaxEncodedLength(int length) => ((length + 2) / 3 * 4) + ((length + 2) / 3 * 4 / 76) + 1;

    /// <summary>pg_base64_encode; returns the byte count.</summary>
    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ReadOnlySpan<byte> alphabet = Alphabet;
        int p = 0;
        int lineEnd = 76;
        int pos = 2;
        uint buffer = 0;
        foreach (byte b in source)
        {
            buffer |= (uint)b << (pos << 3);
            pos--;
            if (pos < 0)
            {
                destination[p++] = alphabet[(int)((buffer >> 18) & 0x3f)];
                destination[p++] = alphabet[(int)((buffer >> 12) & 0x3f)];
                destination[p++] = alphabet[(int)((buffer >> 6) & 0x3f)];
                destination[p++] = alphabet[(int)(buffer & 0x3f)];
                pos = 2;
                buffer = 0;
            }

            if (p >= lineEnd)
            {
                destination[p++] = (byte)'\n';
                lineEnd = p + 76;
            }
        }

        if (pos != 2)
        {
            destination[p++] = alphabet[(int)((buffer >> 18) & 0x3f)];
            destination[p++] = alphabet[(int)((buffer >> 12) & 0x3f)];
            destination[p++] = pos == 0 ? alphabet[(int)((buffer >> 6) & 0x3f)] : (byte)'=';
            destination[p++] = (byte)'=';
        }

        return p;
    }

    /// <summary>pg_base64_decode.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> source)
    {
        var output = new byte[(source.Length * 3 / 4) + 3];
        int p = 0;
        int pos = 0;
        int end = 0;
        uint buffer = 0;
        for (int i = 0; i < source.Length; i++)
        {
            byte c = source[i];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                continue;
            }

            int value;
            if (c == (byte)'=')
            {
                if (end == 0)
                {
                    end = pos switch
                    {
                        2 => 1,
                        3 => 2,
                        _ => throw new SqlException(SqlState.InvalidParameterValue, "unexpected \"=\" while decoding base64 sequence"),
                    };
                }

                value = 0;
            }
            else
            {
                value = Value(c);
                if (value < 0)
                {
                    throw new SqlException(SqlState.InvalidParameterValue,
                        $"invalid symbol \"{System.Text.Encoding.UTF8.GetString(source.Slice(i, SymbolLength(source, i)))}\" found while decoding base64 sequence");
                }
            }

            buffer = (buffer << 6) + (uint)value;
            pos++;
            if (pos == 4)
            {
                output[p++] = (byte)((buffer >> 16) & 255);
                if (end is 0 or > 1)
                {
                    output[p++] = (byte)((buffer >> 8) & 255);
                }

                if (end is 0 or > 2)
                {
                    output[p++] = (byte)(buffer & 255);
                }

                buffer = 0;
                pos = 0;
            }
        }

        if (pos != 0)
        {
            throw new SqlException(SqlState.InvalidParameterValue, "invalid base64 end sequence",
                hint: "Input data is missing padding, is truncated, or is otherwise corrupted.");
        }

        return output.AsSpan(0, p).ToArray();
    }

    /// <summary>The 6-bit value of a base64 symbol, or -1.</summary>
    private static int Value(byte c) => c switch
    {
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
        (byte)'+' => 62,
        (byte)'/' => 63,
        _ => -1,
    };

    /// <summary>The byte length of the UTF-8 character at <paramref name="index"/> (pg_mblen), for the error message.</summary>
    private static int SymbolLength(ReadOnlySpan<byte> text, int index)
    {
        byte lead = text[index];
        int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return Math.Min(length, text.Length - index);
    }
}
