namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// Character (code point) positions inside UTF-8 text, as PostgreSQL's text functions count:
/// a character starts at every byte that is not a continuation byte (10xxxxxx).
/// </summary>
internal static class Utf8Chars
{
    /// <summary>The number of characters in <paramref name="text"/>.</summary>
    public static int Count(ReadOnlySpan<byte> text)
    {
        int count = 0;
        foreach (byte b in text)
        {
            count += (b & 0xC0) != 0x80 ? 1 : 0;
        }

        return count;
    }

    /// <summary>The byte offset of character <paramref name="index"/> (0-based); the length when past the end.</summary>
    public static int ByteOffset(ReadOnlySpan<byte> text, long index)
    {
        if (index <= 0)
        {
            return 0;
        }

        long seen = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if ((text[i] & 0xC0) != 0x80)
            {
                if (seen == index)
                {
                    return i;
                }

                seen++;
            }
        }

        return text.Length;
    }

    /// <summary>The characters [start, start + count) of <paramref name="text"/>, clipped to it (0-based).</summary>
    public static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> text, long start, long count)
    {
        long end = start + count;
        start = Math.Max(start, 0);
        if (end <= start)
        {
            return [];
        }

        int from = ByteOffset(text, start);
        int to = ByteOffset(text, end);
        return text[from..Math.Max(from, to)];
    }

    /// <summary>Whether <paramref name="b"/> starts a character.</summary>
    public static bool IsStart(byte b) => (b & 0xC0) != 0x80;
}
