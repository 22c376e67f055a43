using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// The posting lists of one tag column of one immutable record batch: for each dictionary code,
/// the rows holding it, ascending. Stored compressed-row style: the rows of code c are
/// <c>_rows[_starts[c] .. _starts[c + 1]]</c>. Null rows are in no list. A value lookup goes
/// through an open-addressing hash over the batch dictionary, so a query naming a value the batch
/// lacks learns it in one probe sequence without touching the rows.
///
/// Built in O(rows + codes) by a counting sort; immutable afterwards, so any number of scans may
/// read it concurrently. Since the batch it describes is immutable too, it can never go stale:
/// a delete or a persist replaces the batch (and so the index) rather than changing it.
/// </summary>
public sealed class TagPostings
{
    /// <summary>Start of each code's rows in <see cref="_rows"/>; length codes + 1, last = number of non-null rows.</summary>
    private readonly int[] _starts;

    /// <summary>Row numbers grouped by code, ascending within a code.</summary>
    private readonly int[] _rows;

    /// <summary>The batch dictionary (code → UTF-8 value).</summary>
    private readonly StringColumn _dictionary;

    /// <summary>Open-addressing slots holding code + 1 (0 = empty); power-of-two length, at most half full.</summary>
    private readonly int[] _slots;

    /// <summary>Creates postings from their parts (see <see cref="Build"/>).</summary>
    private TagPostings(int[] starts, int[] rows, StringColumn dictionary, int[] slots)
    {
        _starts = starts;
        _rows = rows;
        _dictionary = dictionary;
        _slots = slots;
    }

    /// <summary>Number of dictionary codes.</summary>
    public int CodeCount => _starts.Length - 1;

    /// <summary>The posting lists of <paramref name="column"/>.</summary>
    public static TagPostings Build(DictionaryColumn column)
    {
        StringColumn dictionary = column.Dictionary;
        int codes = dictionary.Length;
        ReadOnlySpan<int> indices = column.Indices;
        bool hasNulls = column.NullCount > 0;

        // Builders deduplicate dictionary values, but nothing in the column type promises it: a
        // repeated value is folded onto its first code so that a lookup finds every row.
        int[] slots = HashDictionary(dictionary, out int[]? canonical);

        // Counting sort: count per code, prefix sums, then place rows in ascending order.
        var starts = new int[codes + 1];
        for (int row = 0; row < indices.Length; row++)
        {
            if (!hasNulls || column.IsValid(row))
            {
                int code = canonical is null ? indices[row] : canonical[indices[row]];
                starts[code + 1]++;
            }
        }

        for (int c = 0; c < codes; c++)
        {
            starts[c + 1] += starts[c];
        }

        var rows = new int[starts[codes]];
        var next = new int[codes];
        Array.Copy(starts, next, codes);
        for (int row = 0; row < indices.Length; row++)
        {
            if (!hasNulls || column.IsValid(row))
            {
                int code = canonical is null ? indices[row] : canonical[indices[row]];
                rows[next[code]++] = row;
            }
        }

        return new TagPostings(starts, rows, dictionary, slots);
    }

    /// <summary>The rows holding <paramref name="code"/>, ascending.</summary>
    public ReadOnlySpan<int> Rows(int code) => _rows.AsSpan(_starts[code], _starts[code + 1] - _starts[code]);

    /// <summary>The code of <paramref name="utf8"/> in this batch, or -1 when no row of the batch holds it.</summary>
    public int CodeOf(ReadOnlySpan<byte> utf8)
    {
        int mask = _slots.Length - 1;
        int slot = Hash(utf8) & mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (_dictionary.GetBytes(entry - 1).SequenceEqual(utf8))
            {
                // A dictionary value only held by rows a delete removed has an empty list: treat as absent.
                return _starts[entry] > _starts[entry - 1] ? entry - 1 : -1;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>
    /// Slots for every distinct dictionary value; <paramref name="canonical"/> maps each code to the
    /// first code of its value, null when every value is distinct (the usual case).
    /// </summary>
    private static int[] HashDictionary(StringColumn dictionary, out int[]? canonical)
    {
        canonical = null;
        int size = 16;
        while (size < dictionary.Length * 2)
        {
            size *= 2;
        }

        var slots = new int[size];
        int mask = size - 1;
        for (int code = 0; code < dictionary.Length; code++)
        {
            ReadOnlySpan<byte> value = dictionary.GetBytes(code);
            int slot = Hash(value) & mask;
            int first = -1;
            while (slots[slot] != 0)
            {
                if (dictionary.GetBytes(slots[slot] - 1).SequenceEqual(value))
                {
                    first = slots[slot] - 1;
                    break;
                }

                slot = (slot + 1) & mask;
            }

            if (first >= 0)
            {
                if (canonical is null)
                {
                    canonical = new int[dictionary.Length];
                    for (int c = 0; c < canonical.Length; c++)
                    {
                        canonical[c] = c;
                    }
                }

                canonical[code] = first;
                continue;
            }

            slots[slot] = code + 1;
        }

        return slots;
    }

    /// <summary>Hash of a value's bytes.</summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }
}
