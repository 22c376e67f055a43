using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// Equality of group key values between rows, as GROUP BY defines it: NULL equals NULL, text by
/// bytes. Used by <see cref="StreamingAggregateOperator"/> to find where a group ends; typed
/// loops over spans for the key kinds sorted scans deliver (int64/timestamp, tag dictionaries,
/// text); the planner admits no other key kind.
/// </summary>
internal static class KeyEquality
{
    /// <summary>Sets <paramref name="changes"/>[r] for each row r ≥ 1 whose value differs from row r - 1.</summary>
    public static void MarkChanges(Column column, Span<bool> changes)
    {
        int rows = changes.Length;
        switch (column)
        {
            case PrimitiveColumn<long> longs:
            {
                ReadOnlySpan<long> values = longs.Values;
                bool hasNulls = longs.NullCount > 0;
                for (int r = 1; r < rows; r++)
                {
                    if (values[r] != values[r - 1] || (hasNulls && longs.IsNull(r) != longs.IsNull(r - 1)))
                    {
                        changes[r] = true;
                    }
                }

                return;
            }

            case DictionaryColumn dictionary:
            {
                ReadOnlySpan<int> indices = dictionary.Indices;
                for (int r = 1; r < rows; r++)
                {
                    // Same entry: same value. Different entries may still hold equal bytes (a dictionary need not be unique).
                    if ((indices[r] != indices[r - 1] || dictionary.NullCount > 0) && !Equal(dictionary, r - 1, dictionary, r))
                    {
                        changes[r] = true;
                    }
                }

                return;
            }

            default:
            {
                for (int r = 1; r < rows; r++)
                {
                    if (!Equal(column, r - 1, column, r))
                    {
                        changes[r] = true;
                    }
                }

                return;
            }
        }
    }

    /// <summary>Whether row <paramref name="a"/> of <paramref name="left"/> and row <paramref name="b"/> of <paramref name="right"/> hold equal keys in every column.</summary>
    public static bool RowEquals(Column[] left, int a, Column[] right, int b)
    {
        for (int c = 0; c < left.Length; c++)
        {
            if (!Equal(left[c], a, right[c], b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two key values are equal (NULL equals NULL).</summary>
    private static bool Equal(Column left, int a, Column right, int b)
    {
        bool leftNull = left.IsNull(a);
        if (leftNull || right.IsNull(b))
        {
            return leftNull && right.IsNull(b);
        }

        return (left, right) switch
        {
            (PrimitiveColumn<long> x, PrimitiveColumn<long> y) => x.Values[a] == y.Values[b],
            (DictionaryColumn or StringColumn, DictionaryColumn or StringColumn) => ColumnFactory.Utf8(left, a).SequenceEqual(ColumnFactory.Utf8(right, b)),
            _ => throw new InvalidOperationException($"streaming aggregation over a {left.Type} key: the planner admits only tag, time and time-bin keys"),
        };
    }
}
