using System.Text;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>UTF-8 ⇄ UTF-16 steps of the regexp functions, into reused buffers.</summary>
public static class RegexpText
{
    /// <summary>Decodes <paramref name="utf8"/> into <paramref name="buffer"/> (grown when short) and returns the chars.</summary>
    public static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8, ref char[] buffer)
    {
        int needed = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (buffer.Length < needed)
        {
            buffer = new char[Math.Max(needed, buffer.Length * 2)];
        }

        int count = Encoding.UTF8.GetChars(utf8, buffer);
        return buffer.AsSpan(0, count);
    }
}
