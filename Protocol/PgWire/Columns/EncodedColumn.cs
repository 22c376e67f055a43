using System.Runtime.CompilerServices;

namespace IOx.Pg.Protocol.PgWire.Columns;

/// <summary>
/// Scratch space holding one result column's values already encoded for the wire (text or
/// binary), for a run of rows: the column is encoded in one tight loop per type, then DataRow
/// messages are assembled by copying. Reused from batch to batch; grows, never shrinks.
/// Invariant: value i occupies Data[_starts[i] .. _starts[i] + _lengths[i]); _lengths[i] == -1 is NULL.
/// </summary>
public sealed class EncodedColumn
{
    /// <summary>Encoded bytes of all values.</summary>
    private byte[] _data = new byte[4096];

    /// <summary>Bytes used in <see cref="_data"/>.</summary>
    private int _dataLength;

    /// <summary>Start offset of each value.</summary>
    private int[] _starts = new int[256];

    /// <summary>Length of each value, -1 for NULL.</summary>
    private int[] _lengths = new int[256];

    /// <summary>Number of values held.</summary>
    private int _count;

    /// <summary>Number of values held.</summary>
    public int Count => _count;

    /// <summary>Empties the column and makes room for <paramref name="rows"/> values.</summary>
    public void Reset(int rows)
    {
        _count = 0;
        _dataLength = 0;
        if (_starts.Length < rows)
        {
            int size = Math.Max(rows, _starts.Length * 2);
            _starts = new int[size];
            _lengths = new int[size];
        }
    }

    /// <summary>Wire length of value <paramref name="index"/>, -1 for NULL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LengthOf(int index) => _lengths[index];

    /// <summary>Encoded bytes of value <paramref name="index"/> (empty for NULL).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> ValueOf(int index) => new(_data, _starts[index], Math.Max(_lengths[index], 0));

    /// <summary>Appends a NULL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendNull()
    {
        _starts[_count] = _dataLength;
        _lengths[_count] = -1;
        _count++;
    }

    /// <summary>A span of at least <paramref name="sizeHint"/> bytes to encode the next value into; commit with <see cref="Commit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int sizeHint)
    {
        if (_data.Length - _dataLength < sizeHint)
        {
            Grow(sizeHint);
        }

        return _data.AsSpan(_dataLength);
    }

    /// <summary>Records the next value as the <paramref name="length"/> bytes just written into the span from <see cref="GetSpan"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Commit(int length)
    {
        _starts[_count] = _dataLength;
        _lengths[_count] = length;
        _dataLength += length;
        _count++;
    }

    /// <summary>Appends a value given as bytes.</summary>
    public void Append(ReadOnlySpan<byte> value)
    {
        value.CopyTo(GetSpan(value.Length));
        Commit(value.Length);
    }

    /// <summary>Slow path: enlarges the data buffer.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int sizeHint)
    {
        int size = (int)Math.Min(Array.MaxLength, Math.Max((long)_dataLength + sizeHint, (long)_data.Length * 2));
        Array.Resize(ref _data, size);
    }
}
