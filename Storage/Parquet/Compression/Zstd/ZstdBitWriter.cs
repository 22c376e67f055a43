namespace IOx.Pg.Storage.Parquet.Compression.Zstd;

/// <summary>
/// Writes the bitstream that <see cref="ZstdBackwardBitReader"/> reads: fields are appended
/// low bits first and the stream closes with a 1 bit as end mark, so the reader meets the last
/// field first.
/// </summary>
internal ref struct ZstdBitWriter
{
    /// <summary>Where bytes go.</summary>
    private readonly Span<byte> _output;

    /// <summary>Bits waiting to be written (low bits first).</summary>
    private ulong _container;

    /// <summary>How many bits of the container are used (below 32 after each flush).</summary>
    private int _count;

    /// <summary>Bytes written.</summary>
    private int _written;

    /// <summary>Writes into <paramref name="output"/>.</summary>
    public ZstdBitWriter(Span<byte> output)
    {
        _output = output;
    }

    /// <summary>False once the output ran out of room (the caller then stores the block raw).</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Appends the low <paramref name="count"/> (0..32) bits of <paramref name="value"/>.</summary>
    public void Add(uint value, int count)
    {
        _container |= (ulong)(value & (uint)((1UL << count) - 1)) << _count;
        _count += count;
        while (_count >= 8)
        {
            Put((byte)_container);
            _container >>= 8;
            _count -= 8;
        }
    }

    /// <summary>Adds the end mark and writes the last byte; returns the stream length.</summary>
    public int Close()
    {
        Add(1, 1);
        if (_count > 0)
        {
            Put((byte)_container);
        }

        return _written;
    }

    /// <summary>Writes one byte, or notes the overflow.</summary>
    private void Put(byte value)
    {
        if (_written < _output.Length)
        {
            _output[_written] = value;
        }
        else
        {
            Overflowed = true;
        }

        _written++;
    }
}
