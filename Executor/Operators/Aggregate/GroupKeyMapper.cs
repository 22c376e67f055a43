using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// Gives every row of a batch the dense id of its group key (one or more key columns), the ids
/// stable across batches. The key columns are encoded to 64-bit codes (<see cref="KeyEncoder"/>)
/// and looked up in a <see cref="GroupTable"/>. A single dictionary-encoded text key (a tag) takes
/// a faster path: the dictionary's entries are looked up once and rows only index an array; runs
/// of equal keys reuse the previous row's id. Buffers are reused, so mapping allocates nothing per
/// row (and nothing per batch once warmed up). A tag plus one other key (<c>GROUP BY hostname,
/// date_bin(...)</c>) remembers, per tag value, the other key and group of its last row: in
/// time-major data (the write buffer) consecutive rows are different series, so the run check
/// alone misses on nearly every row, while each series' own next row is nearly always in the
/// same bin.
/// </summary>
internal sealed class GroupKeyMapper
{
    /// <summary>One encoder per key column.</summary>
    private readonly KeyEncoder[] _encoders;

    /// <summary>Group key → group id.</summary>
    private readonly GroupTable _table;

    /// <summary>Scratch composite key (codes then null mask).</summary>
    private readonly long[] _key;

    /// <summary>Per key column, the codes of the current batch's rows.</summary>
    private readonly long[][] _codes;

    /// <summary>Group id per row of the current batch.</summary>
    private int[] _groupIds = new int[RecordBatch.MaxRows];

    /// <summary>Per row, bit c set when key column c is NULL.</summary>
    private ulong[] _nullMask = new ulong[RecordBatch.MaxRows];

    /// <summary>Dictionary entry → group id for the tag fast path.</summary>
    private int[] _dictionaryGroups = new int[64];

    /// <summary>Tag + other key path: per interned tag value, the other key's code in its last row.</summary>
    private long[] _memoCode = [];

    /// <summary>Tag + other key path: per interned tag value, the null mask of its last row.</summary>
    private long[] _memoNull = [];

    /// <summary>Tag + other key path: per interned tag value, the group of its last row (-1: none yet).</summary>
    private int[] _memoGroup = [];

    /// <summary>Creates a mapper for keys of <paramref name="keyTypes"/> (at most 63 columns; none means one group).</summary>
    public GroupKeyMapper(IReadOnlyList<DataType> keyTypes)
    {
        int k = keyTypes.Count;
        _encoders = new KeyEncoder[k];
        for (int i = 0; i < k; i++)
        {
            _encoders[i] = KeyEncoder.Create(keyTypes[i]);
        }

        _table = new GroupTable(k);
        _key = new long[k + 1];
        _codes = new long[k][];
        if (k == 0)
        {
            _table.FindOrAdd(_key);
        }
    }

    /// <summary>The key encoders (to decode group keys back into columns).</summary>
    public KeyEncoder[] Encoders => _encoders;

    /// <summary>The group table (group count, key codes).</summary>
    public GroupTable Table => _table;

    /// <summary>Approximate bytes retained by the table and the encoders' distinct values (for the query memory budget).</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = _table.MemoryBytes;
            foreach (KeyEncoder encoder in _encoders)
            {
                bytes += encoder.MemoryBytes;
            }

            return bytes;
        }
    }

    /// <summary>
    /// The group id of each of the <paramref name="rows"/> rows whose key columns are
    /// <paramref name="keys"/>. The span is valid until the next call.
    /// </summary>
    public ReadOnlySpan<int> Map(ReadOnlySpan<Column> keys, int rows)
    {
        int k = _encoders.Length;
        if (_groupIds.Length < rows)
        {
            _groupIds = new int[rows];
            _nullMask = new ulong[rows];
        }

        Span<int> ids = _groupIds.AsSpan(0, rows);
        if (k == 0)
        {
            ids.Clear();
            return ids;
        }

        if (k == 1 && keys[0] is DictionaryColumn dictionary)
        {
            MapDictionary(dictionary, ids);
            return ids;
        }

        Span<ulong> nulls = _nullMask.AsSpan(0, rows);
        nulls.Clear();
        if (k == 2 && (keys[0] is DictionaryColumn) != (keys[1] is DictionaryColumn) && _encoders[keys[0] is DictionaryColumn ? 0 : 1] is TextKeyEncoder)
        {
            MapTagAndOther(keys, nulls, ids);
            return ids;
        }

        for (int c = 0; c < k; c++)
        {
            if (_codes[c] is null || _codes[c].Length < rows)
            {
                _codes[c] = new long[Math.Max(rows, RecordBatch.MaxRows)];
            }

            _encoders[c].Encode(keys[c], _codes[c].AsSpan(0, rows), nulls, 1UL << c);
        }

        MapRows(nulls, ids);
        return ids;
    }

    /// <summary>
    /// Tag fast path: one hash lookup per dictionary entry used, an array read per row. Entries no
    /// row uses get no group (a filtered or gathered column keeps its whole dictionary, and a group
    /// without rows must not appear in the output).
    /// </summary>
    private void MapDictionary(DictionaryColumn dictionary, Span<int> ids)
    {
        ReadOnlySpan<int> entryIds = ((TextKeyEncoder)_encoders[0]).MapDictionary(dictionary.Dictionary);
        if (_dictionaryGroups.Length < entryIds.Length)
        {
            _dictionaryGroups = new int[entryIds.Length * 2];
        }

        // Groups are created only for entries some row uses: a dictionary may hold values no row of
        // this batch has (a filtered batch keeps its dictionary; Parquet and merged batches share one
        // dictionary across many batches), and an unused entry must not become an empty group.
        _dictionaryGroups.AsSpan(0, entryIds.Length).Fill(-1);
        ReadOnlySpan<int> indices = dictionary.Indices;
        bool hasNulls = dictionary.NullCount > 0;
        int nullGroup = -1;
        int n = ids.Length;
        for (int i = 0; i < n; i++)
        {
            if (hasNulls && dictionary.IsNull(i))
            {
                if (nullGroup < 0)
                {
                    _key[0] = 0;
                    _key[1] = 1;
                    nullGroup = _table.FindOrAdd(_key);
                }

                ids[i] = nullGroup;
                continue;
            }

            int d = indices[i];
            int g = _dictionaryGroups[d];
            if (g < 0)
            {
                _key[0] = entryIds[d];
                _key[1] = 0;
                g = _table.FindOrAdd(_key);
                _dictionaryGroups[d] = g;
            }

            ids[i] = g;
        }
    }

    /// <summary>
    /// Two keys, one a dictionary-encoded tag: the tag's entries are interned once per batch; per
    /// row, the group is the one the same tag value's previous row had when the other key and the
    /// null mask match, else a table lookup (which then becomes that tag value's memo). The codes
    /// are the generic path's (interned id, or 0 with the null bit), so batches taking either path
    /// meet in the same groups.
    /// </summary>
    private void MapTagAndOther(ReadOnlySpan<Column> keys, Span<ulong> nulls, Span<int> ids)
    {
        int tag = keys[0] is DictionaryColumn ? 0 : 1;
        int other = 1 - tag;
        int n = ids.Length;
        if (_codes[other] is null || _codes[other].Length < n)
        {
            _codes[other] = new long[Math.Max(n, RecordBatch.MaxRows)];
        }

        long[] otherCodes = _codes[other];
        _encoders[other].Encode(keys[other], otherCodes.AsSpan(0, n), nulls, 1UL << other);
        var dictionary = (DictionaryColumn)keys[tag];
        ReadOnlySpan<int> entryIds = ((TextKeyEncoder)_encoders[tag]).MapDictionary(dictionary.Dictionary);
        int maxId = -1;
        foreach (int id in entryIds)
        {
            maxId = Math.Max(maxId, id);
        }

        if (_memoGroup.Length <= maxId)
        {
            int size = Math.Max(64, (maxId + 1) * 2);
            int old = _memoGroup.Length;
            Array.Resize(ref _memoCode, size);
            Array.Resize(ref _memoNull, size);
            Array.Resize(ref _memoGroup, size);
            _memoGroup.AsSpan(old).Fill(-1);
        }

        GroupTable table = _table;
        ReadOnlySpan<int> indices = dictionary.Indices;
        bool hasNulls = dictionary.NullCount > 0;
        ulong tagNullBit = 1UL << tag;
        for (int i = 0; i < n; i++)
        {
            long code = otherCodes[i];
            if (hasNulls && dictionary.IsNull(i))
            {
                long nullMask = (long)(nulls[i] | tagNullBit);
                ids[i] = tag == 0 ? table.FindOrAdd(0, code, nullMask) : table.FindOrAdd(code, 0, nullMask);
                continue;
            }

            int entry = entryIds[indices[i]];
            long mask = (long)nulls[i];
            int group = _memoGroup[entry];
            if (group < 0 || _memoCode[entry] != code || _memoNull[entry] != mask)
            {
                group = tag == 0 ? table.FindOrAdd(entry, code, mask) : table.FindOrAdd(code, entry, mask);
                _memoGroup[entry] = group;
                _memoCode[entry] = code;
                _memoNull[entry] = mask;
            }

            ids[i] = group;
        }
    }

    /// <summary>
    /// Group ids for every row from its key codes. Consecutive rows with the same key (common in
    /// time-ordered data: the same time bucket, the same series) reuse the previous row's id;
    /// one- and two-column keys use the probe loops without spans.
    /// </summary>
    private void MapRows(ReadOnlySpan<ulong> nulls, Span<int> ids)
    {
        GroupTable table = _table;
        long[][] codes = _codes;
        int k = _encoders.Length;
        int n = ids.Length;
        if (k == 1)
        {
            long[] c0 = codes[0];
            long previous = 0;
            long previousNull = -1;
            int previousId = -1;
            for (int i = 0; i < n; i++)
            {
                long code = c0[i];
                long nullMask = (long)nulls[i];
                if (code != previous || nullMask != previousNull)
                {
                    previousId = table.FindOrAdd(code, nullMask);
                    previous = code;
                    previousNull = nullMask;
                }

                ids[i] = previousId;
            }

            return;
        }

        if (k == 2)
        {
            long[] c0 = codes[0];
            long[] c1 = codes[1];
            long previous0 = 0;
            long previous1 = 0;
            long previousNull = -1;
            int previousId = -1;
            for (int i = 0; i < n; i++)
            {
                long a = c0[i];
                long b = c1[i];
                long nullMask = (long)nulls[i];
                if (a != previous0 || b != previous1 || nullMask != previousNull)
                {
                    previousId = table.FindOrAdd(a, b, nullMask);
                    previous0 = a;
                    previous1 = b;
                    previousNull = nullMask;
                }

                ids[i] = previousId;
            }

            return;
        }

        long[] key = _key;
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
            {
                key[c] = codes[c][i];
            }

            key[k] = (long)nulls[i];
            ids[i] = table.FindOrAdd(key);
        }
    }
}
