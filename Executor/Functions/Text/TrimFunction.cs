using System.Buffers;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// btrim / ltrim / rtrim (and TRIM([BOTH|LEADING|TRAILING] [chars] FROM text)): removes the longest
/// run of characters from <c>chars</c> (default a space) at the start, end or both.
/// </summary>
public sealed class TrimFunction(string name, bool leading, bool trailing) : StrictTextFunction
{
    /// <inheritdoc/>
    public override string Name => name;

    /// <inheritdoc/>
    protected override void Apply(Column[] args, int row, ArrayBufferWriter<byte> output)
    {
        ReadOnlySpan<byte> text = Kernels.ColumnFactory.Utf8(args[0], row);
        ReadOnlySpan<byte> chars = args.Length > 1 ? Kernels.ColumnFactory.Utf8(args[1], row) : " "u8;
        int start = 0;
        int end = text.Length;
        if (leading)
        {
            while (start < end)
            {
                int next = CharEnd(text, start);
                if (!Contains(chars, text[start..next]))
                {
                    break;
                }

                start = next;
            }
        }

        if (trailing)
        {
            while (end > start)
            {
                int first = end - 1;
                while (first > start && !Utf8Chars.IsStart(text[first]))
                {
                    first--;
                }

                if (!Contains(chars, text[first..end]))
                {
                    break;
                }

                end = first;
            }
        }

        output.Write(text[start..end]);
    }

    /// <summary>The end of the character starting at <paramref name="i"/>.</summary>
    private static int CharEnd(ReadOnlySpan<byte> text, int i)
    {
        i++;
        while (i < text.Length && !Utf8Chars.IsStart(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Whether the character set <paramref name="chars"/> holds the character <paramref name="c"/>.</summary>
    private static bool Contains(ReadOnlySpan<byte> chars, ReadOnlySpan<byte> c)
    {
        for (int i = 0; i < chars.Length; i = CharEnd(chars, i))
        {
            if (chars[i..CharEnd(chars, i)].SequenceEqual(c))
            {
                return true;
            }
        }

        return false;
    }
}
