using System.Diagnostics.CodeAnalysis;

namespace IOx.Pg.Storage.Parquet.Encodings;

/// <summary>
/// Reads DELTA_BINARY_PACKED (see <see cref="DeltaBinaryPackedEncoder"/>) written by any writer:
/// block and miniblock sizes come from the header (block size a multiple of 128, miniblock size
/// a multiple of 32, as the format requires). Checks every size against the bytes left.
/// </summary>
public static class DeltaBinaryPackedDecoder
{
    /// <summary>Largest miniblock accepted (the format allows any multiple of 32; writers use 32 or 64).</summary>
    private const int MaxMiniblockSize = 1 << 16;

    /// <summary>
    /// Decodes all values into <paramref name="output"/> (which must hold the header's count) and
    /// returns that count; <paramref name="consumed"/> is the number of input bytes used.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<long> output, out int consumed)
    {
        int position = 0;
        ulong blockSize = ReadVarint(input, ref position);
        ulong miniblocks = ReadVarint(input, ref position);
        ulong total = ReadVarint(input, ref position);
        long value = ReadZigZag(input, ref position);
        if (blockSize == 0 || blockSize % 128 != 0 || miniblocks == 0 || blockSize % miniblocks != 0)
        {
            Fail($"invalid block size {blockSize} with {miniblocks} miniblocks");
        }

        ulong miniblockSize = blockSize / miniblocks;
        if (miniblockSize % 32 != 0 || miniblockSize > MaxMiniblockSize)
        {
            Fail($"invalid miniblock size {miniblockSize}");
        }

        if (total > (ulong)output.Length)
        {
            Fail($"{total} values where at most {output.Length} were expected");
        }

        int count = (int)total;
        if (count == 0)
        {
            consumed = position;
            return 0;
        }

        output[0] = value;
        int produced = 1;
        int mbSize = (int)miniblockSize;
        int mbCount = (int)miniblocks;
        Span<ulong> deltas = mbSize <= 1024 ? stackalloc ulong[mbSize] : new ulong[mbSize];
        while (produced < count)
        {
            long minDelta = ReadZigZag(input, ref position);
            if (position + mbCount > input.Length)
            {
                Fail("block header runs past the end of the data");
            }

            ReadOnlySpan<byte> widths = input.Slice(position, mbCount);
            position += mbCount;
            for (int m = 0; m < mbCount && produced < count; m++)
            {
                int width = widths[m];
                if (width > 64)
                {
                    Fail($"miniblock bit width {width}");
                }

                int bytes = BitPacking.ByteCount(mbSize, width);
                int take = Math.Min(mbSize, count - produced);
                if (position + bytes > input.Length)
                {
                    // The last miniblock may be cut short by writers that do not pad it.
                    if (position + BitPacking.ByteCount(take, width) > input.Length)
                    {
                        Fail("miniblock runs past the end of the data");
                    }

                    bytes = input.Length - position;
                }

                BitPacking.Unpack(input.Slice(position, bytes), width, deltas[..take]);
                position += bytes;
                for (int k = 0; k < take; k++)
                {
                    value = unchecked(value + minDelta + (long)deltas[k]);
                    output[produced++] = value;
                }
            }
        }

        consumed = position;
        return count;
    }

    /// <summary>Reads the value count from the header without decoding.</summary>
    public static int PeekCount(ReadOnlySpan<byte> input)
    {
        int position = 0;
        ReadVarint(input, ref position);
        ReadVarint(input, ref position);
        ulong total = ReadVarint(input, ref position);
        if (total > int.MaxValue)
        {
            Fail("value count too large");
        }

        return (int)total;
    }

    /// <summary>Reads an unsigned varint.</summary>
    private static ulong ReadVarint(ReadOnlySpan<byte> input, ref int position)
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (position >= input.Length)
            {
                Fail("ran out of data");
            }

            byte b = input[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        Fail("varint too long");
        return 0;
    }

    /// <summary>Reads a zigzag varint.</summary>
    private static long ReadZigZag(ReadOnlySpan<byte> input, ref int position)
    {
        ulong raw = ReadVarint(input, ref position);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Throws the corrupt-data error.</summary>
    [DoesNotReturn]
    private static void Fail(string message) => throw new ParquetFormatException($"DELTA_BINARY_PACKED: {message}");
}
