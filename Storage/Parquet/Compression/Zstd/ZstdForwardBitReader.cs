namespace IOx.Pg.Storage.Parquet.Compression.Zstd;

/// <summary>
/// Reads a little-endian forward bitstream (FSE table descriptions, RFC 8878 §4.1.1): bits are
/// taken from the lowest bit of the first byte upwards. Reading past the end is a format error.
/// </summary>
internal ref struct ZstdForwardBitReader
{
    /// <summary>The bytes.</summary>
    private readonly ReadOnlySpan<byte> _data;

    /// <summary>Bits consumed so far.</summary>
    private long _position;

    /// <summary>Opens the stream at its first bit.</summary>
    public ZstdForwardBitReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>Whole bytes touched so far (a partly read byte counts).</summary>
    public readonly int BytesConsumed => (int)((_position + 7) >> 3);

    /// <summary>The next <paramref name="count"/> (0..24) bits without consuming them; zeros past the end (a peek may look further than the field it decodes).</summary>
    public readonly uint Peek(int count)
    {
        uint value = 0;
        for (int i = 0; i < count; i++)
        {
            long bit = _position + i;
            if (bit < (long)_data.Length * 8)
            {
                value |= (uint)((_data[(int)(bit >> 3)] >> (int)(bit & 7)) & 1) << i;
            }
        }

        return value;
    }

    /// <summary>Consumes <paramref name="count"/> bits; consuming past the end is a format error.</summary>
    public void Skip(int count)
    {
        _position += count;
        if (_position > (long)_data.Length * 8)
        {
            throw new ParquetFormatException("zstd: FSE table description runs past its block");
        }
    }

    /// <summary>Reads <paramref name="count"/> (0..24) bits.</summary>
    public uint Read(int count)
    {
        uint value = Peek(count);
        Skip(count);
        return value;
    }
}
