namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// Assigns dense ids to distinct UTF-8 strings: an open-addressing table over the bytes, so looking
/// up an already seen value allocates nothing; a new value is copied once.
/// </summary>
internal sealed class ByteInterner
{
    /// <summary>Values by id.</summary>
    private readonly List<byte[]> _values = [];

    /// <summary>Hash slots holding id + 1 (0 = empty); power-of-two size, at most half full.</summary>
    private int[] _slots = new int[256];

    /// <summary>Bytes of the interned values, each counted with its array header (~24 bytes) and list slot.</summary>
    private long _valueBytes;

    /// <summary>Number of distinct values.</summary>
    public int Count => _values.Count;

    /// <summary>Approximate bytes retained: the values and the slot array (for the query memory budget).</summary>
    public long MemoryBytes => _valueBytes + (4L * _slots.Length);

    /// <summary>The bytes of value <paramref name="id"/>.</summary>
    public byte[] Get(int id) => _values[id];

    /// <summary>The id of <paramref name="value"/>, assigned when new.</summary>
    public int Intern(ReadOnlySpan<byte> value)
    {
        int mask = _slots.Length - 1;
        int slot = Hash(value) & mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                int id = _values.Count;
                _values.Add(value.ToArray());
                _valueBytes += value.Length + 32;
                _slots[slot] = id + 1;
                if (_values.Count * 2 > _slots.Length)
                {
                    Rehash();
                }

                return id;
            }

            if (_values[entry - 1].AsSpan().SequenceEqual(value))
            {
                return entry - 1;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Hash of a byte string.</summary>
    private static int Hash(ReadOnlySpan<byte> value)
    {
        var hash = new HashCode();
        hash.AddBytes(value);
        return hash.ToHashCode();
    }

    /// <summary>Doubles the table.</summary>
    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        int mask = _slots.Length - 1;
        for (int id = 0; id < _values.Count; id++)
        {
            int slot = Hash(_values[id]) & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = id + 1;
        }
    }
}
