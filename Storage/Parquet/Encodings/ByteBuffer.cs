using System.Buffers.Binary;

namespace IOx.Pg.Storage.Parquet.Encodings;

/// <summary>A growable byte buffer that encoders append to; reused across pages so steady-state writing allocates nothing.</summary>
public sealed class ByteBuffer
{
    /// <summary>The storage; the first <see cref="Length"/> bytes are written.</summary>
    private byte[] _data;

    /// <summary>Creates a buffer.</summary>
    public ByteBuffer(int capacity = 1024) => _data = new byte[Math.Max(capacity, 16)];

    /// <summary>Bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> WrittenSpan => new(_data, 0, Length);

    /// <summary>Forgets the contents.</summary>
    public void Clear() => Length = 0;

    /// <summary>Returns a writable span of <paramref name="size"/> bytes at the end and counts them as written.</summary>
    public Span<byte> Reserve(int size)
    {
        Ensure(size);
        Span<byte> span = _data.AsSpan(Length, size);
        Length += size;
        return span;
    }

    /// <summary>Returns a writable span of <paramref name="size"/> zeroed bytes at the end and counts them as written.</summary>
    public Span<byte> ReserveZeroed(int size)
    {
        Span<byte> span = Reserve(size);
        span.Clear();
        return span;
    }

    /// <summary>Gives back the last <paramref name="count"/> bytes of a reservation that were not needed.</summary>
    public void Unreserve(int count) => Length -= count;

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Appends one byte.</summary>
    public void WriteByte(byte value)
    {
        Ensure(1);
        _data[Length++] = value;
    }

    /// <summary>Appends a little-endian int32.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    /// <summary>Overwrites a little-endian int32 at <paramref name="position"/> (a length prefix written before its contents).</summary>
    public void PatchInt32(int position, int value) => BinaryPrimitives.WriteInt32LittleEndian(_data.AsSpan(position, 4), value);

    /// <summary>Appends an unsigned LEB128 varint.</summary>
    public void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _data[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _data[Length++] = (byte)value;
    }

    /// <summary>Appends a zigzag varint.</summary>
    public void WriteZigZag(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Makes room for <paramref name="size"/> more bytes.</summary>
    private void Ensure(int size)
    {
        if (Length + size > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(Length + size, _data.Length * 2));
        }
    }
}
