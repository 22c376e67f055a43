using System.Text;

namespace IOx.Pg.Storage.Arrow;

/// <summary>Builds a <see cref="StringColumn"/>.</summary>
public sealed class StringColumnBuilder : ColumnBuilder
{
    /// <summary>Offsets; the first Length + 1 entries are in use, offsets[0] = 0.</summary>
    private int[] _offsets;

    /// <summary>Value bytes; the first offsets[Length] are in use.</summary>
    private byte[] _data;

    /// <summary>Utf8, or Binary for bytea (same layout).</summary>
    private readonly DataType _type;

    /// <summary>Creates a builder with room for <paramref name="capacity"/> values.</summary>
    public StringColumnBuilder(int capacity)
        : this(DataType.Utf8, capacity)
    {
    }

    /// <summary>Creates a builder of <paramref name="type"/> (Utf8 or Binary) with room for <paramref name="capacity"/> values.</summary>
    public StringColumnBuilder(DataType type, int capacity)
    {
        _type = type;
        _offsets = new int[Math.Max(capacity, 16) + 1];
        _data = new byte[Math.Max(capacity, 16) * 8];
    }

    /// <inheritdoc/>
    public override DataType Type => _type;

    /// <summary>Bytes appended so far.</summary>
    public int DataLength => _offsets[Length];

    /// <summary>Appends UTF-8 bytes (the caller guarantees they are valid UTF-8).</summary>
    public void Append(ReadOnlySpan<byte> utf8)
    {
        int start = _offsets[Length];
        EnsureRoom(start + utf8.Length);
        MarkValid();
        utf8.CopyTo(_data.AsSpan(start));
        _offsets[Length + 1] = start + utf8.Length;
        Length++;
    }

    /// <summary>Appends a string.</summary>
    public void Append(string value)
    {
        int start = _offsets[Length];
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        EnsureRoom(start + max);
        MarkValid();
        int written = Encoding.UTF8.GetBytes(value, _data.AsSpan(start));
        _offsets[Length + 1] = start + written;
        Length++;
    }

    /// <summary>The UTF-8 bytes of value <paramref name="index"/> appended so far.</summary>
    public ReadOnlySpan<byte> GetBytes(int index) => new(_data, _offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <inheritdoc/>
    protected override void AppendDefaultValue()
    {
        EnsureRoom(_offsets[Length]);
        _offsets[Length + 1] = _offsets[Length];
    }

    /// <inheritdoc/>
    protected override Column SnapshotValues(int length, byte[]? validity, int nullCount) =>
        new StringColumn(_type, _offsets.AsSpan(0, length + 1).ToArray(), _data.AsSpan(0, _offsets[length]).ToArray(), length, validity, nullCount);

    /// <inheritdoc/>
    protected override Column BuildValues(int length, byte[]? validity, int nullCount)
    {
        int[] offsets = _offsets;
        byte[] data = _data;
        _offsets = new int[Math.Max(length, 16) + 1];
        _data = new byte[Math.Max(offsets[length], 128)];
        return new StringColumn(_type, offsets, data, length, validity, nullCount);
    }

    /// <summary>Makes room for one more offset and for <paramref name="dataBytes"/> data bytes in all.</summary>
    private void EnsureRoom(int dataBytes)
    {
        if (Length + 2 > _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
        }

        if (dataBytes > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(dataBytes, _data.Length * 2));
        }
    }
}
