namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// A set of non-zero 64-bit hashes: open addressing with linear probing in a power-of-two table
/// kept at most half full (8 bytes per slot, 0 = empty). Cheaper than <see cref="HashSet{T}"/> on
/// the write path (one array, no entry records); <see cref="Clear"/> keeps the capacity, so a
/// table that has been persisted once writes into a set that no longer grows.
/// </summary>
internal sealed class IdentitySet
{
    /// <summary>The slots; 0 marks an empty one.</summary>
    private ulong[] _slots = new ulong[1024];

    /// <summary>Values held.</summary>
    private int _count;

    /// <summary>Adds <paramref name="hash"/>; false when it was already there.</summary>
    public bool Add(ulong hash)
    {
        // 0 marks an empty slot: move the one value that collides with it.
        hash |= hash == 0 ? 1UL : 0UL;
        if ((_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        ulong[] slots = _slots;
        int mask = slots.Length - 1;
        int slot = (int)hash & mask;
        while (true)
        {
            ulong current = slots[slot];
            if (current == 0)
            {
                slots[slot] = hash;
                _count++;
                return true;
            }

            if (current == hash)
            {
                return false;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Empties the set, keeping its capacity.</summary>
    public void Clear()
    {
        if (_count > 0)
        {
            Array.Clear(_slots);
            _count = 0;
        }
    }

    /// <summary>Doubles the table and re-inserts every value.</summary>
    private void Grow()
    {
        ulong[] old = _slots;
        var slots = new ulong[old.Length * 2];
        int mask = slots.Length - 1;
        foreach (ulong value in old)
        {
            if (value == 0)
            {
                continue;
            }

            int slot = (int)value & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = value;
        }

        _slots = slots;
    }
}
