using System.Numerics;

namespace IOx.Pg.Storage.Parquet.Encodings;

/// <summary>
/// Writes DELTA_BINARY_PACKED: header (block size 128, 4 miniblocks, value count, first value as
/// zigzag varint), then per block of 128 deltas the minimum delta (zigzag varint), one bit-width
/// byte per miniblock and the miniblocks of (delta - min) bit-packed. Deltas wrap around in 64
/// bits, so any int64 (or uint64 bit pattern) sequence round-trips. Sorted timestamps with a
/// regular interval pack into a few bits per value.
/// </summary>
public static class DeltaBinaryPackedEncoder
{
    /// <summary>Values per block.</summary>
    public const int BlockSize = 128;

    /// <summary>Miniblocks per block.</summary>
    public const int MiniblockCount = 4;

    /// <summary>Values per miniblock.</summary>
    public const int MiniblockSize = BlockSize / MiniblockCount;

    /// <summary>Appends <paramref name="values"/> encoded to <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<long> values, ByteBuffer output)
    {
        output.WriteVarint(BlockSize);
        output.WriteVarint(MiniblockCount);
        output.WriteVarint((ulong)values.Length);
        output.WriteZigZag(values.IsEmpty ? 0 : values[0]);
        Span<ulong> deltas = stackalloc ulong[BlockSize];
        Span<int> widths = stackalloc int[MiniblockCount];
        int i = 1;
        while (i < values.Length)
        {
            int count = Math.Min(BlockSize, values.Length - i);
            long minDelta = long.MaxValue;
            for (int k = 0; k < count; k++)
            {
                long delta = unchecked(values[i + k] - values[i + k - 1]);
                deltas[k] = (ulong)delta;
                minDelta = Math.Min(minDelta, delta);
            }

            output.WriteZigZag(minDelta);
            int usedMiniblocks = (count + MiniblockSize - 1) / MiniblockSize;
            widths.Clear();
            for (int m = 0; m < usedMiniblocks; m++)
            {
                ulong all = 0;
                int end = Math.Min(count, (m + 1) * MiniblockSize);
                for (int k = m * MiniblockSize; k < end; k++)
                {
                    deltas[k] = unchecked(deltas[k] - (ulong)minDelta);
                    all |= deltas[k];
                }

                widths[m] = 64 - BitOperations.LeadingZeroCount(all);
            }

            for (int m = 0; m < MiniblockCount; m++)
            {
                // Unused miniblocks of the last block still have a width byte (zero).
                output.WriteByte((byte)widths[m]);
            }

            // Padding of the last miniblock is zeros, which readers ignore.
            deltas[count..].Clear();
            for (int m = 0; m < usedMiniblocks; m++)
            {
                Span<byte> packed = output.ReserveZeroed(BitPacking.ByteCount(MiniblockSize, widths[m]));
                BitPacking.Pack(deltas.Slice(m * MiniblockSize, MiniblockSize), widths[m], packed);
            }

            i += count;
        }
    }
}
