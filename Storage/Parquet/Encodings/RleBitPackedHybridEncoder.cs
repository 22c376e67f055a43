namespace IOx.Pg.Storage.Parquet.Encodings;

/// <summary>
/// Writes the RLE/bit-packed hybrid encoding (definition levels, dictionary indices): runs of at
/// least 8 equal values become RLE runs (header <c>count &lt;&lt; 1</c>, then the value in
/// ceil(width/8) bytes); everything else is bit-packed in groups of 8 (header <c>groups &lt;&lt; 1 | 1</c>).
/// Bit-packed runs must hold whole groups, so a pending run is padded from the start of the next
/// repeated run before that becomes RLE; the final group is padded with zeros, which readers
/// ignore because they know the value count.
/// </summary>
public static class RleBitPackedHybridEncoder
{
    /// <summary>Shortest repetition worth an RLE run.</summary>
    private const int MinRepeat = 8;

    /// <summary>Appends <paramref name="values"/> encoded with <paramref name="bitWidth"/> (0..32) bits to <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        int pendingStart = 0;
        int i = 0;
        while (i < values.Length)
        {
            int value = values[i];
            int run = 1;
            while (i + run < values.Length && values[i + run] == value)
            {
                run++;
            }

            if (run < MinRepeat)
            {
                i += run;
                continue;
            }

            // Pad the pending bit-packed values to a whole group with the run's first values.
            int pending = i - pendingStart;
            int pad = (8 - (pending & 7)) & 7;
            if (pad > 0 && run - pad < MinRepeat)
            {
                i += run;
                continue;
            }

            if (pending + pad > 0)
            {
                WriteBitPacked(values.Slice(pendingStart, pending + pad), bitWidth, output);
            }

            WriteRle(value, run - pad, bitWidth, output);
            i += run;
            pendingStart = i;
        }

        if (pendingStart < values.Length)
        {
            WriteBitPacked(values[pendingStart..], bitWidth, output);
        }
    }

    /// <summary>Bytes needed for one RLE value of <paramref name="bitWidth"/> bits.</summary>
    public static int ValueBytes(int bitWidth) => (bitWidth + 7) >> 3;

    /// <summary>Writes one RLE run.</summary>
    private static void WriteRle(int value, int count, int bitWidth, ByteBuffer output)
    {
        output.WriteVarint((ulong)count << 1);
        int bytes = ValueBytes(bitWidth);
        for (int b = 0; b < bytes; b++)
        {
            output.WriteByte((byte)(value >> (8 * b)));
        }
    }

    /// <summary>Writes one bit-packed run (padded with zeros to a whole group of 8).</summary>
    private static void WriteBitPacked(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        int groups = (values.Length + 7) >> 3;
        output.WriteVarint(((ulong)groups << 1) | 1);
        Span<byte> packed = output.ReserveZeroed(groups * bitWidth);
        BitPacking.Pack(values, bitWidth, packed);
    }
}
