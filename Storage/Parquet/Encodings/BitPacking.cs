using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace IOx.Pg.Storage.Parquet.Encodings;

/// <summary>
/// Parquet's bit packing: values of <c>width</c> bits laid out back to back, least significant bit
/// first (the RLE/bit-packed hybrid and DELTA_BINARY_PACKED both use it). Widths 0..64.
/// </summary>
public static class BitPacking
{
    /// <summary>Bytes taken by <paramref name="count"/> values of <paramref name="width"/> bits.</summary>
    public static int ByteCount(int count, int width) => (int)(((long)count * width + 7) >> 3);

    /// <summary>Packs <paramref name="values"/> into <paramref name="output"/>, which must be zeroed and at least <see cref="ByteCount"/> long.</summary>
    public static void Pack(ReadOnlySpan<ulong> values, int width, Span<byte> output)
    {
        if (width == 0)
        {
            return;
        }

        long bit = 0;
        for (int i = 0; i < values.Length; i++)
        {
            ulong value = values[i];
            int remaining = width;
            while (remaining > 0)
            {
                int index = (int)(bit >> 3);
                int shift = (int)(bit & 7);
                int take = Math.Min(8 - shift, remaining);
                output[index] |= (byte)((value & ((1UL << take) - 1)) << shift);
                value >>= take;
                remaining -= take;
                bit += take;
            }
        }
    }

    /// <summary>Packs 32-bit values (RLE/bit-packed hybrid runs).</summary>
    public static void Pack(ReadOnlySpan<int> values, int width, Span<byte> output)
    {
        if (width == 0)
        {
            return;
        }

        ulong accumulator = 0;
        int bits = 0;
        int o = 0;
        for (int i = 0; i < values.Length; i++)
        {
            accumulator |= ((ulong)(uint)values[i] & ((1UL << width) - 1)) << bits;
            bits += width;
            while (bits >= 8)
            {
                output[o++] = (byte)accumulator;
                accumulator >>= 8;
                bits -= 8;
            }
        }

        if (bits > 0)
        {
            output[o] = (byte)accumulator;
        }
    }

    /// <summary>Unpacks <paramref name="output"/>.Length values; <paramref name="input"/> must hold <see cref="ByteCount"/> bytes.</summary>
    public static void Unpack(ReadOnlySpan<byte> input, int width, Span<ulong> output)
    {
        if (width == 0)
        {
            output.Clear();
            return;
        }

        ulong mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        long bit = 0;
        for (int i = 0; i < output.Length; i++, bit += width)
        {
            int index = (int)(bit >> 3);
            int shift = (int)(bit & 7);
            if (index + 9 <= input.Length)
            {
                ulong low = BinaryPrimitives.ReadUInt64LittleEndian(input[index..]) >> shift;
                if (shift + width > 64)
                {
                    low |= (ulong)input[index + 8] << (64 - shift);
                }

                output[i] = low & mask;
            }
            else
            {
                output[i] = UnpackSlow(input, bit, width);
            }
        }
    }

    /// <summary>Unpacks 32-bit values (width at most 32).</summary>
    public static void Unpack(ReadOnlySpan<byte> input, int width, Span<int> output)
    {
        if (width == 0)
        {
            output.Clear();
            return;
        }

        ulong mask = (1UL << width) - 1;
        long bit = 0;
        for (int i = 0; i < output.Length; i++, bit += width)
        {
            int index = (int)(bit >> 3);
            if (index + 8 <= input.Length)
            {
                output[i] = (int)((BinaryPrimitives.ReadUInt64LittleEndian(input[index..]) >> (int)(bit & 7)) & mask);
            }
            else
            {
                output[i] = (int)UnpackSlow(input, bit, width);
            }
        }
    }

    /// <summary>Reads one value bit by bit group near the end of the input.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong UnpackSlow(ReadOnlySpan<byte> input, long bit, int width)
    {
        ulong value = 0;
        int done = 0;
        while (done < width)
        {
            int index = (int)(bit >> 3);
            int shift = (int)(bit & 7);
            int take = Math.Min(8 - shift, width - done);
            ulong part = (ulong)((input[index] >> shift) & ((1 << take) - 1));
            value |= part << done;
            done += take;
            bit += take;
        }

        return value;
    }
}
