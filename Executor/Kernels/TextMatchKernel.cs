using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Kernels;

/// <summary>Something that decides whether one UTF-8 text value matches (LIKE, regular expressions).</summary>
public interface ITextMatcher
{
    /// <summary>Whether <paramref name="utf8"/> matches.</summary>
    bool Matches(ReadOnlySpan<byte> utf8);
}

/// <summary>
/// Evaluates a text predicate over a column: a dictionary (tag) column is matched once per
/// distinct value and mapped to its rows; other text columns value by value. NULL stays NULL.
/// </summary>
public static class TextMatchKernel
{
    /// <summary>The predicate over the first <paramref name="rows"/> rows of <paramref name="input"/>.</summary>
    public static BooleanColumn Evaluate<TMatcher>(Column input, int rows, TMatcher matcher)
        where TMatcher : ITextMatcher
    {
        var bits = new byte[BitUtil.BytesFor(rows)];
        if (input is DictionaryColumn dictionary)
        {
            StringColumn entries = dictionary.Dictionary;
            var matches = new bool[entries.Length];
            for (int d = 0; d < matches.Length; d++)
            {
                matches[d] = matcher.Matches(entries.GetBytes(d));
            }

            ComparisonKernels.MapDictionary(dictionary.Indices, matches, bits);
        }
        else
        {
            for (int i = 0; i < rows; i++)
            {
                if (input.IsValid(i) && matcher.Matches(ColumnFactory.Utf8(input, i)))
                {
                    BitUtil.Set(bits, i);
                }
            }
        }

        return new BooleanColumn(bits, rows, input.ValidityBuffer, input.NullCount);
    }
}
