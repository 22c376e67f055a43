namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// Builds a <see cref="DictionaryColumn"/>, deduplicating values as they arrive with an
/// open-addressing hash table over the dictionary's bytes, so appending an already seen value
/// allocates nothing.
/// </summary>
public sealed class DictionaryColumnBuilder : ColumnBuilder
{
    /// <summary>Index per row; the first Length entries are in use.</summary>
    private int[] _indices;

    /// <summary>The distinct values seen, in order of first appearance.</summary>
    private StringColumnBuilder _dictionary;

    /// <summary>Hash slots holding dictionary index + 1 (0 = empty); power-of-two size, at most half full.</summary>
    private int[] _slots;

    /// <summary>Creates a builder with room for <paramref name="capacity"/> rows.</summary>
    public DictionaryColumnBuilder(int capacity)
    {
        _indices = new int[Math.Max(capacity, 16)];
        _dictionary = new StringColumnBuilder(64);
        _slots = new int[128];
    }

    /// <inheritdoc/>
    public override DataType Type => DataType.Utf8;

    /// <summary>Number of distinct values so far.</summary>
    public int DistinctCount => _dictionary.Length;

    /// <summary>Appends UTF-8 bytes (the caller guarantees they are valid UTF-8).</summary>
    public void Append(ReadOnlySpan<byte> utf8)
    {
        if (Length == _indices.Length)
        {
            Array.Resize(ref _indices, _indices.Length * 2);
        }

        MarkValid();
        _indices[Length] = Intern(utf8);
        Length++;
    }

    /// <inheritdoc/>
    protected override void AppendDefaultValue()
    {
        if (Length == _indices.Length)
        {
            Array.Resize(ref _indices, _indices.Length * 2);
        }

        _indices[Length] = 0;
    }

    /// <inheritdoc/>
    protected override Column SnapshotValues(int length, byte[]? validity, int nullCount) =>
        new DictionaryColumn(_indices.AsSpan(0, length).ToArray(), (StringColumn)_dictionary.Snapshot(), length, validity, nullCount);

    /// <inheritdoc/>
    protected override Column BuildValues(int length, byte[]? validity, int nullCount)
    {
        int[] indices = _indices;
        var dictionary = (StringColumn)_dictionary.Build();
        _indices = new int[Math.Max(length, 16)];
        _dictionary = new StringColumnBuilder(64);
        _slots = new int[128];
        return new DictionaryColumn(indices, dictionary, length, validity, nullCount);
    }

    /// <summary>Returns the dictionary index of <paramref name="utf8"/>, adding it when new.</summary>
    private int Intern(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        int mask = _slots.Length - 1;
        int slot = hash.ToHashCode() & mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                int index = _dictionary.Length;
                _dictionary.Append(utf8);
                _slots[slot] = index + 1;
                if (_dictionary.Length * 2 > _slots.Length)
                {
                    Rehash();
                }

                return index;
            }

            if (_dictionary.GetBytes(entry - 1).SequenceEqual(utf8))
            {
                return entry - 1;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Doubles the hash table and reinserts every dictionary value.</summary>
    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        int mask = _slots.Length - 1;
        for (int i = 0; i < _dictionary.Length; i++)
        {
            var hash = new HashCode();
            hash.AddBytes(_dictionary.GetBytes(i));
            int slot = hash.ToHashCode() & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = i + 1;
        }
    }
}
