using System.Diagnostics.CodeAnalysis;

namespace IOx.Pg.Storage.Parquet.Encodings;

/// <summary>
/// Reads the RLE/bit-packed hybrid encoding. The caller says how many values it wants; running out
/// of input before that, a bit width over 32, or an RLE value wider than the width raises
/// <see cref="ParquetFormatException"/>.
/// </summary>
public ref struct RleBitPackedHybridDecoder
{
    /// <summary>The encoded runs.</summary>
    private readonly ReadOnlySpan<byte> _data;

    /// <summary>Bits per value.</summary>
    private readonly int _bitWidth;

    /// <summary>Next unread byte of <see cref="_data"/>.</summary>
    private int _position;

    /// <summary>Values left in the current run.</summary>
    private int _remaining;

    /// <summary>Whether the current run is RLE (else bit-packed).</summary>
    private bool _isRle;

    /// <summary>The repeated value of the current RLE run.</summary>
    private int _rleValue;

    /// <summary>Start of the current bit-packed run's bytes.</summary>
    private int _packedStart;

    /// <summary>Index of the next value within the current bit-packed run.</summary>
    private int _packedIndex;

    /// <summary>Creates a decoder.</summary>
    public RleBitPackedHybridDecoder(ReadOnlySpan<byte> data, int bitWidth)
    {
        if (bitWidth < 0 || bitWidth > 32)
        {
            Fail($"bit width {bitWidth} out of range");
        }

        _data = data;
        _bitWidth = bitWidth;
        _position = 0;
        _remaining = 0;
        _isRle = false;
        _rleValue = 0;
        _packedStart = 0;
        _packedIndex = 0;
    }

    /// <summary>Bytes consumed by the runs started so far.</summary>
    public readonly int Position => _position;

    /// <summary>Fills <paramref name="output"/> with the next values.</summary>
    public void Read(Span<int> output)
    {
        int done = 0;
        while (done < output.Length)
        {
            if (_remaining == 0)
            {
                NextRun();
            }

            int take = Math.Min(_remaining, output.Length - done);
            if (_isRle)
            {
                output.Slice(done, take).Fill(_rleValue);
            }
            else
            {
                int firstBit = _packedIndex * _bitWidth;
                int startByte = _packedStart + (firstBit >> 3);
                if ((firstBit & 7) == 0)
                {
                    BitPacking.Unpack(_data[startByte.._position], _bitWidth, output.Slice(done, take));
                }
                else
                {
                    // Only reachable with odd widths mid-group; unpack from the group start.
                    ReadUnaligned(output.Slice(done, take));
                }

                _packedIndex += take;
            }

            _remaining -= take;
            done += take;
        }
    }

    /// <summary>Reads values whose first bit is not byte-aligned.</summary>
    private readonly void ReadUnaligned(Span<int> output)
    {
        Span<ulong> one = stackalloc ulong[1];
        ReadOnlySpan<byte> run = _data[_packedStart.._position];
        for (int i = 0; i < output.Length; i++)
        {
            long bit = (long)(_packedIndex + i) * _bitWidth;
            int index = (int)(bit >> 3);
            int shift = (int)(bit & 7);
            ulong value = 0;
            int got = 0;
            while (got < _bitWidth)
            {
                int take = Math.Min(8 - shift, _bitWidth - got);
                value |= (ulong)((run[index] >> shift) & ((1 << take) - 1)) << got;
                got += take;
                index++;
                shift = 0;
            }

            output[i] = (int)value;
        }
    }

    /// <summary>Reads the next run header.</summary>
    private void NextRun()
    {
        ulong header = ReadVarint();
        if ((header & 1) == 0)
        {
            ulong count = header >> 1;
            if (count == 0 || count > int.MaxValue)
            {
                Fail($"RLE run of {count} values");
            }

            int bytes = (_bitWidth + 7) >> 3;
            if (_position + bytes > _data.Length)
            {
                Fail("RLE value runs past the end of the data");
            }

            int value = 0;
            for (int b = 0; b < bytes; b++)
            {
                value |= _data[_position + b] << (8 * b);
            }

            _position += bytes;
            if (_bitWidth < 32 && (uint)value >> _bitWidth != 0)
            {
                Fail($"RLE value {value} wider than {_bitWidth} bits");
            }

            _isRle = true;
            _rleValue = value;
            _remaining = (int)count;
        }
        else
        {
            ulong groups = header >> 1;
            ulong bytes = groups * (ulong)_bitWidth;
            if (groups == 0 || groups > int.MaxValue / 8 || bytes > (ulong)(_data.Length - _position))
            {
                // A final run may be cut short by writers that do not pad: accept what is there.
                if (groups != 0 && groups <= int.MaxValue / 8 && _bitWidth > 0)
                {
                    int available = _data.Length - _position;
                    _isRle = false;
                    _packedStart = _position;
                    _packedIndex = 0;
                    _remaining = available * 8 / _bitWidth;
                    _position = _data.Length;
                    if (_remaining == 0)
                    {
                        Fail("bit-packed run runs past the end of the data");
                    }

                    return;
                }

                Fail($"bit-packed run of {groups} groups does not fit the data");
            }

            _isRle = false;
            _packedStart = _position;
            _packedIndex = 0;
            _remaining = (int)groups * 8;
            _position += (int)bytes;
        }
    }

    /// <summary>Reads a varint run header.</summary>
    private ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                Fail("ran out of data before all values were read");
            }

            byte b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        Fail("run header varint too long");
        return 0;
    }

    /// <summary>Throws the corrupt-data error.</summary>
    [DoesNotReturn]
    private static void Fail(string message) => throw new ParquetFormatException($"RLE/bit-packed hybrid: {message}");
}
