namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// Maps composite group keys to dense group ids. A key is <c>k</c> 64-bit codes plus a null mask,
/// stored flat (stride k + 1) so lookups allocate nothing; open addressing with linear probing in a
/// power-of-two slot array kept at most half full.
/// </summary>
internal sealed class GroupTable
{
    /// <summary>Longs per key: the codes and the null mask.</summary>
    private readonly int _stride;

    /// <summary>Keys of groups 0..Count-1, flat.</summary>
    private long[] _keys;

    /// <summary>Slots holding group id + 1 (0 = empty).</summary>
    private int[] _slots = new int[1024];

    /// <summary>Hash of each group's key, to rehash without recomputing.</summary>
    private int[] _hashes = new int[256];

    /// <summary>Creates a table for keys of <paramref name="keyCount"/> columns.</summary>
    public GroupTable(int keyCount)
    {
        _stride = keyCount + 1;
        _keys = new long[256 * _stride];
    }

    /// <summary>Number of groups.</summary>
    public int Count { get; private set; }

    /// <summary>Approximate bytes retained by the keys, slots and hashes (for the query memory budget).</summary>
    public long MemoryBytes => (8L * _keys.Length) + (4L * _slots.Length) + (4L * _hashes.Length);

    /// <summary>The group id of <paramref name="key"/> (stride longs), created when new.</summary>
    public int FindOrAdd(ReadOnlySpan<long> key)
    {
        int hash = Hash(key);
        int mask = _slots.Length - 1;
        int slot = hash & mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                return Add(key, hash, slot);
            }

            if (_hashes[entry - 1] == hash && _keys.AsSpan((entry - 1) * _stride, _stride).SequenceEqual(key))
            {
                return entry - 1;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The group id of a one-column key (<paramref name="code"/>, <paramref name="nullMask"/>): the probe loop without span calls.</summary>
    public int FindOrAdd(long code, long nullMask)
    {
        int hash = Hash(code, nullMask);
        int mask = _slots.Length - 1;
        int slot = hash & mask;
        long[] keys = _keys;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                return Add([code, nullMask], hash, slot);
            }

            int at = (entry - 1) * 2;
            if (keys[at] == code && keys[at + 1] == nullMask)
            {
                return entry - 1;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The group id of a two-column key.</summary>
    public int FindOrAdd(long code0, long code1, long nullMask)
    {
        int hash = Hash(code0, code1, nullMask);
        int mask = _slots.Length - 1;
        int slot = hash & mask;
        long[] keys = _keys;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                return Add([code0, code1, nullMask], hash, slot);
            }

            int at = (entry - 1) * 3;
            if (keys[at] == code0 && keys[at + 1] == code1 && keys[at + 2] == nullMask)
            {
                return entry - 1;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Code <paramref name="column"/> of group <paramref name="group"/>.</summary>
    public long Code(int group, int column) => _keys[(group * _stride) + column];

    /// <summary>Whether key column <paramref name="column"/> of group <paramref name="group"/> is NULL.</summary>
    public bool IsNull(int group, int column) => ((ulong)_keys[(group * _stride) + _stride - 1] & (1UL << column)) != 0;

    /// <summary>Appends a new group.</summary>
    private int Add(ReadOnlySpan<long> key, int hash, int slot)
    {
        int id = Count;
        if ((id + 1) * _stride > _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        if (id == _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
        }

        key.CopyTo(_keys.AsSpan(id * _stride));
        _hashes[id] = hash;
        _slots[slot] = id + 1;
        Count = id + 1;
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }

        return id;
    }

    /// <summary>Doubles the slot array.</summary>
    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        int mask = _slots.Length - 1;
        for (int id = 0; id < Count; id++)
        {
            int slot = _hashes[id] & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = id + 1;
        }
    }

    /// <summary>Mixes the key's longs (multiply-xorshift per long); the fixed-arity overloads give the same value.</summary>
    private static int Hash(ReadOnlySpan<long> key)
    {
        ulong h = Seed;
        foreach (long v in key)
        {
            h = Mix(h, v);
        }

        return Finish(h);
    }

    /// <summary>Hash of a one-column key.</summary>
    private static int Hash(long a, long nullMask) => Finish(Mix(Mix(Seed, a), nullMask));

    /// <summary>Hash of a two-column key.</summary>
    private static int Hash(long a, long b, long nullMask) => Finish(Mix(Mix(Mix(Seed, a), b), nullMask));

    /// <summary>Initial hash state.</summary>
    private const ulong Seed = 0x9E3779B97F4A7C15UL;

    /// <summary>One mixing step.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h, long v)
    {
        h ^= (ulong)v;
        h *= 0xBF58476D1CE4E5B9UL;
        return h ^ (h >> 31);
    }

    /// <summary>Folds the state to an int with MurmurHash3's fmix64, so keys that differ only in high bits (time buckets) still spread over the slots.</summary>
    private static int Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return (int)h;
    }
}
