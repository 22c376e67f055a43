using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Operators.Aggregate;
using IOx.Pg.Executor.Operators.Sort;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Window;

/// <summary>
/// Sorts a window's rows by (partition keys, order keys). Each key column is first turned into
/// 64-bit integers whose ascending order is the key's order, direction and NULL placement
/// included (integers and timestamps as themselves, floats by their order-preserving bits with
/// NaN above every number, text by the rank of its distinct values in byte order; DESC by bitwise
/// complement; a column with NULLs adds a leading NULL-placement word). Up to four words sort as a
/// plain struct array (no comparer calls, ties by row index, so the order is deterministic and
/// equal to <see cref="RowComparer"/>'s); other keys fall back to the comparer sort.
/// </summary>
internal static class WindowSorter
{
    /// <summary>
    /// The concatenated columns, the sorted row order, and equality over the first
    /// <paramref name="partitionKeys"/> keys (partitions) and over the rest (peers).
    /// </summary>
    public static (Column[] Columns, int[] Order, KeyEquality SamePartition, KeyEquality SamePeers) Sort(Schema schema, List<RecordBatch> batches, SortKey[] keys, int partitionKeys)
    {
        Column[] columns = Concatenate(schema, batches);
        int rows = columns.Length > 0 ? columns[0].Length : CountRows(batches);
        var words = new List<long[]>();
        int partitionWords = 0;
        bool normalized = true;
        for (int k = 0; k < keys.Length && normalized; k++)
        {
            normalized = TryNormalize(columns[keys[k].Column], keys[k], rows, words);
            if (k + 1 == partitionKeys)
            {
                partitionWords = words.Count;
            }
        }

        if (!normalized || words.Count > 4)
        {
            return (columns, ComparerOrder(columns, keys, rows),
                new KeyEquality.ByComparer(new RowComparer(columns, keys[..partitionKeys])),
                new KeyEquality.ByComparer(new RowComparer(columns, keys[partitionKeys..])));
        }

        var order = new int[rows];
        if (words.Count == 0)
        {
            // OVER (): one partition, every row a peer; the input order is as good as any.
            for (int i = 0; i < rows; i++)
            {
                order[i] = i;
            }
        }
        else if (words.Count <= 2)
        {
            long[]? a = words.Count > 0 ? words[0] : null;
            long[]? b = words.Count > 1 ? words[1] : null;
            var entries = new Entry2[rows];
            for (int r = 0; r < rows; r++)
            {
                entries[r] = new Entry2(a is null ? 0 : a[r], b is null ? 0 : b[r], r);
            }

            Array.Sort(entries);
            for (int i = 0; i < rows; i++)
            {
                order[i] = entries[i].Row;
            }
        }
        else
        {
            long[] w0 = words[0];
            long[] w1 = words[1];
            long[] w2 = words[2];
            long[]? w3 = words.Count > 3 ? words[3] : null;
            var wide = new Entry4[rows];
            for (int r = 0; r < rows; r++)
            {
                wide[r] = new Entry4(w0[r], w1[r], w2[r], w3 is null ? 0 : w3[r], r);
            }

            Array.Sort(wide);
            for (int i = 0; i < rows; i++)
            {
                order[i] = wide[i].Row;
            }
        }

        long[][] all = words.ToArray();
        return (columns, order, new KeyEquality.ByWords(all[..partitionWords]), new KeyEquality.ByWords(all[partitionWords..]));
    }

    /// <summary>Rows of all batches.</summary>
    private static int CountRows(List<RecordBatch> batches)
    {
        int rows = 0;
        foreach (RecordBatch b in batches)
        {
            rows += b.RowCount;
        }

        return rows;
    }

    /// <summary>Each column of the batches as one column.</summary>
    private static Column[] Concatenate(Schema schema, List<RecordBatch> batches)
    {
        var columns = new Column[schema.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            if (batches.Count == 1)
            {
                columns[c] = batches[0].Column(c);
                continue;
            }

            var parts = new Column[batches.Count];
            bool dictionaries = true;
            for (int b = 0; b < parts.Length; b++)
            {
                parts[b] = batches[b].Column(c);
                dictionaries &= parts[b] is DictionaryColumn;
            }

            columns[c] = dictionaries ? ConcatDictionaries(parts) : ColumnFactory.Concat(schema[c].Type, parts);
        }

        return columns;
    }

    /// <summary>
    /// Dictionary columns (tags) concatenated into one dictionary column: each batch's entries are
    /// mapped once to ids of a merged dictionary (a dictionary shared by several batches only once),
    /// rows by array lookup, so sorting and output gather integers instead of strings.
    /// </summary>
    private static DictionaryColumn ConcatDictionaries(Column[] parts)
    {
        var interner = new ByteInterner();
        int total = 0;
        int nulls = 0;
        foreach (Column part in parts)
        {
            total += part.Length;
            nulls += part.NullCount;
        }

        var indices = new int[total];
        byte[]? validity = nulls > 0 ? new byte[BitUtil.BytesFor(total)] : null;
        StringColumn? lastDictionary = null;
        int[] map = [];
        int at = 0;
        foreach (Column part in parts)
        {
            var d = (DictionaryColumn)part;
            if (!ReferenceEquals(d.Dictionary, lastDictionary))
            {
                lastDictionary = d.Dictionary;
                map = new int[d.Dictionary.Length];
                for (int e = 0; e < map.Length; e++)
                {
                    map[e] = interner.Intern(d.Dictionary.GetBytes(e));
                }
            }

            ReadOnlySpan<int> source = d.Indices;
            for (int r = 0; r < source.Length; r++, at++)
            {
                if (d.IsValid(r))
                {
                    indices[at] = map[source[r]];
                    if (validity is not null)
                    {
                        BitUtil.Set(validity, at);
                    }
                }
            }
        }

        var builder = new StringColumnBuilder(interner.Count);
        for (int id = 0; id < interner.Count; id++)
        {
            builder.Append(interner.Get(id));
        }

        return new DictionaryColumn(indices, (StringColumn)builder.Build(), total, validity, nulls);
    }

    /// <summary>The general sort: row indices with the comparer.</summary>
    private static int[] ComparerOrder(Column[] columns, SortKey[] keys, int rows)
    {
        var order = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, new RowComparer(columns, keys));
        return order;
    }

    /// <summary>Appends the words of one key column; false for a type without a 64-bit order (numeric, interval).</summary>
    private static bool TryNormalize(Column column, SortKey key, int rows, List<long[]> words)
    {
        var values = new long[rows];
        switch (column)
        {
            case PrimitiveColumn<long> c:
                c.Values.CopyTo(values);
                break;
            case PrimitiveColumn<int> c:
                for (int r = 0; r < rows; r++)
                {
                    values[r] = c.Buffer[r];
                }

                break;
            case PrimitiveColumn<short> c:
                for (int r = 0; r < rows; r++)
                {
                    values[r] = c.Buffer[r];
                }

                break;
            case PrimitiveColumn<double> c:
                for (int r = 0; r < rows; r++)
                {
                    values[r] = FloatBits(c.Buffer[r]);
                }

                break;
            case PrimitiveColumn<float> c:
                for (int r = 0; r < rows; r++)
                {
                    values[r] = FloatBits(c.Buffer[r]);
                }

                break;
            case BooleanColumn c:
                for (int r = 0; r < rows; r++)
                {
                    values[r] = c.GetValue(r) ? 1 : 0;
                }

                break;
            case DictionaryColumn c:
            {
                int[] ranks = Ranks(c.Dictionary, c.Dictionary.Length, out _);
                ReadOnlySpan<int> indices = c.Indices;
                for (int r = 0; r < rows; r++)
                {
                    values[r] = c.IsValid(r) ? ranks[indices[r]] : 0;
                }

                break;
            }

            case StringColumn c:
            {
                // Intern every row, then rank the distinct values once.
                var interner = new ByteInterner();
                var ids = new int[rows];
                for (int r = 0; r < rows; r++)
                {
                    ids[r] = c.IsValid(r) ? interner.Intern(c.GetBytes(r)) : 0;
                }

                int[] ranks = InternedRanks(interner);
                for (int r = 0; r < rows; r++)
                {
                    values[r] = ranks.Length == 0 ? 0 : ranks[ids[r]];
                }

                break;
            }

            default:
                return false;
        }

        if (column.NullCount > 0)
        {
            // NULL placement first, then the value (NULL rows hold 0 there, all equal).
            var nulls = new long[rows];
            long nullWord = key.NullsFirst ? 0 : 2;
            for (int r = 0; r < rows; r++)
            {
                if (column.IsNull(r))
                {
                    nulls[r] = nullWord;
                    values[r] = 0;
                }
                else
                {
                    nulls[r] = 1;
                }
            }

            words.Add(nulls);
        }

        if (key.Descending)
        {
            for (int r = 0; r < rows; r++)
            {
                values[r] = ~values[r];
            }
        }

        words.Add(values);
        return true;
    }

    /// <summary>A double's bits as a signed integer in the same order (-0 equal to 0, NaN above +infinity), as the sort comparer orders.</summary>
    private static long FloatBits(double value)
    {
        if (double.IsNaN(value))
        {
            return long.MaxValue;
        }

        if (value == 0)
        {
            return 0;
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        return bits < 0 ? -(bits & long.MaxValue) : bits;
    }

    /// <summary>Rank (0-based, byte order) of each dictionary entry.</summary>
    private static int[] Ranks(StringColumn dictionary, int count, out int distinct)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, new EntryOrder(dictionary));
        var ranks = new int[count];
        distinct = 0;
        for (int i = 0; i < count; i++)
        {
            if (i > 0 && dictionary.GetBytes(order[i - 1]).SequenceCompareTo(dictionary.GetBytes(order[i])) != 0)
            {
                distinct++;
            }

            ranks[order[i]] = distinct;
        }

        return ranks;
    }

    /// <summary>Rank (byte order) of each interned value.</summary>
    private static int[] InternedRanks(ByteInterner interner)
    {
        var order = new int[interner.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, new InternedOrder(interner));
        var ranks = new int[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            ranks[order[i]] = i;
        }

        return ranks;
    }

    /// <summary>Dictionary entries by bytes.</summary>
    private sealed class EntryOrder(StringColumn dictionary) : IComparer<int>
    {
        /// <inheritdoc/>
        public int Compare(int x, int y) => dictionary.GetBytes(x).SequenceCompareTo(dictionary.GetBytes(y));
    }

    /// <summary>Interned values by bytes.</summary>
    private sealed class InternedOrder(ByteInterner interner) : IComparer<int>
    {
        /// <inheritdoc/>
        public int Compare(int x, int y) => interner.Get(x).AsSpan().SequenceCompareTo(interner.Get(y));
    }

    /// <summary>Up to two key words and the row (the tie break).</summary>
    private readonly record struct Entry2(long A, long B, int Row) : IComparable<Entry2>
    {
        /// <inheritdoc/>
        public int CompareTo(Entry2 other)
        {
            int c = A.CompareTo(other.A);
            if (c != 0)
            {
                return c;
            }

            c = B.CompareTo(other.B);
            return c != 0 ? c : Row.CompareTo(other.Row);
        }
    }

    /// <summary>Up to four key words and the row (the tie break).</summary>
    private readonly record struct Entry4(long A, long B, long C, long D, int Row) : IComparable<Entry4>
    {
        /// <inheritdoc/>
        public int CompareTo(Entry4 other)
        {
            int c = A.CompareTo(other.A);
            if (c == 0)
            {
                c = B.CompareTo(other.B);
            }

            if (c == 0)
            {
                c = C.CompareTo(other.C);
            }

            if (c == 0)
            {
                c = D.CompareTo(other.D);
            }

            return c != 0 ? c : Row.CompareTo(other.Row);
        }
    }
}
