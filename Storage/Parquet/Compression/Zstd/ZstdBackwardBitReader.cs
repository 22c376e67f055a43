using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace IOx.Pg.Storage.Parquet.Compression.Zstd;

/// <summary>
/// Reads a Zstandard backward bitstream (RFC 8878 §4.1): the stream's last byte holds a 1 bit
/// above the data as an end mark, and bits are consumed from that mark down towards the first
/// byte, each field most-significant part first. Reading past the start yields zero bits and sets
/// <see cref="Overflowed"/> (the FSE decoders use that to find their end); it never reads outside
/// the span.
/// </summary>
internal ref struct ZstdBackwardBitReader
{
    /// <summary>The stream.</summary>
    private readonly ReadOnlySpan<byte> _data;

    /// <summary>Bits not consumed yet: the next field ends just below bit <c>_position</c>. Negative once past the start.</summary>
    private long _position;

    /// <summary>Opens the stream, checking its end mark.</summary>
    public ZstdBackwardBitReader(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || data[^1] == 0)
        {
            throw new ParquetFormatException("zstd: bitstream is empty or lacks its end mark");
        }

        _data = data;
        _position = ((long)(data.Length - 1) * 8) + BitOperations.Log2(data[^1]);
    }

    /// <summary>True once more bits were read than the stream holds.</summary>
    public readonly bool Overflowed => _position < 0;

    /// <summary>True when every bit was consumed exactly.</summary>
    public readonly bool AtStart => _position == 0;

    /// <summary>Reads <paramref name="count"/> (0..32) bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Read(int count)
    {
        uint value = Peek(count);
        _position -= count;
        return value;
    }

    /// <summary>The next <paramref name="count"/> (0..32) bits without consuming them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly uint Peek(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        long start = _position - count;
        if (start >= 0 && (start >> 3) + 8 <= _data.Length)
        {
            ulong word = BinaryPrimitives.ReadUInt64LittleEndian(_data[(int)(start >> 3)..]);
            return (uint)((word >> (int)(start & 7)) & ((1UL << count) - 1));
        }

        return PeekSlow(start, count);
    }

    /// <summary>Consumes bits already peeked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int count) => _position -= count;

    /// <summary>Near either end of the stream: byte by byte, zeros below the start.</summary>
    private readonly uint PeekSlow(long start, int count)
    {
        ulong value = 0;
        for (int i = count - 1; i >= 0; i--)
        {
            long bit = start + i;
            uint b = bit >= 0 && bit < (long)_data.Length * 8 ? (uint)(_data[(int)(bit >> 3)] >> (int)(bit & 7)) & 1 : 0;
            value = (value << 1) | b;
        }

        return (uint)value;
    }
}
