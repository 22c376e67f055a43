using System.Text;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// A compiled LIKE pattern over UTF-8: <c>%</c> matches any sequence, <c>_</c> exactly one
/// character (one code point, however many bytes), the escape character (backslash unless ESCAPE
/// says otherwise) makes the next character literal. The whole value must match. Matching is
/// the classic wildcard walk with one backtrack point per <c>%</c>, linear for typical patterns,
/// and allocates nothing.
/// </summary>
public sealed class LikePattern
{
    /// <summary>Pattern elements: literal UTF-8 bytes, or the markers below.</summary>
    private readonly int[] _elements;

    /// <summary>Element for <c>%</c>.</summary>
    private const int AnySequence = -1;

    /// <summary>Element for <c>_</c>.</summary>
    private const int AnyChar = -2;

    /// <summary>Compiles <paramref name="pattern"/>; a trailing escape character is 22025, as in PostgreSQL.</summary>
    public LikePattern(string pattern, char escape = '\\')
    {
        var elements = new List<int>();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == escape)
            {
                if (i + 1 >= pattern.Length)
                {
                    throw new SqlException(SqlState.InvalidEscapeSequence, "LIKE pattern must not end with escape character");
                }

                i++;
                AddLiteral(elements, pattern, ref i);
            }
            else if (c == '%')
            {
                if (elements.Count == 0 || elements[^1] != AnySequence)
                {
                    elements.Add(AnySequence);
                }
            }
            else if (c == '_')
            {
                elements.Add(AnyChar);
            }
            else
            {
                AddLiteral(elements, pattern, ref i);
            }
        }

        _elements = [.. elements];
    }

    /// <summary>Adds the UTF-8 bytes of the character at <paramref name="i"/> (a surrogate pair counts as one).</summary>
    private static void AddLiteral(List<int> elements, string pattern, ref int i)
    {
        int length = char.IsHighSurrogate(pattern[i]) && i + 1 < pattern.Length ? 2 : 1;
        Span<byte> bytes = stackalloc byte[8];
        int n = Encoding.UTF8.GetBytes(pattern.AsSpan(i, length), bytes);
        for (int k = 0; k < n; k++)
        {
            elements.Add(bytes[k]);
        }

        i += length - 1;
    }

    /// <summary>Whether the whole of <paramref name="text"/> matches.</summary>
    public bool IsMatch(ReadOnlySpan<byte> text)
    {
        ReadOnlySpan<int> p = _elements;
        int t = 0;
        int e = 0;
        int starE = -1;
        int starT = 0;
        while (t < text.Length)
        {
            if (e < p.Length && p[e] == AnySequence)
            {
                starE = e++;
                starT = t;
            }
            else if (e < p.Length && (p[e] == AnyChar || p[e] == text[t]))
            {
                t += p[e] == AnyChar ? CharLength(text[t]) : 1;
                e++;
            }
            else if (starE >= 0)
            {
                // Let the last % absorb one more character and retry from there.
                starT += CharLength(text[starT]);
                t = starT;
                e = starE + 1;
            }
            else
            {
                return false;
            }
        }

        while (e < p.Length && p[e] == AnySequence)
        {
            e++;
        }

        return e == p.Length;
    }

    /// <summary>Bytes in the UTF-8 sequence starting with <paramref name="lead"/>.</summary>
    private static int CharLength(byte lead) => lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}
