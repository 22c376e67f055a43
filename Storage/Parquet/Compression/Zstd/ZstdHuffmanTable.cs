using System.Numerics;

namespace IOx.Pg.Storage.Parquet.Compression.Zstd;

/// <summary>
/// The Huffman table of compressed literals (RFC 8878 §4.2): read from a tree description
/// (weights, direct or FSE-compressed), kept for later "treeless" literal blocks of the frame, and
/// used to decode literal streams. The decode table is indexed by the next <see cref="MaxBits"/>
/// bits; an entry gives the symbol and its code length.
/// </summary>
internal sealed class ZstdHuffmanTable
{
    /// <summary>Symbol of each table entry.</summary>
    private readonly byte[] _symbols = new byte[1 << ZstdConstants.MaxHuffmanBits];

    /// <summary>Code length of each table entry.</summary>
    private readonly byte[] _lengths = new byte[1 << ZstdConstants.MaxHuffmanBits];

    /// <summary>Longest code; the table has 2^MaxBits entries.</summary>
    public int MaxBits { get; private set; }

    /// <summary>Reads a tree description from the start of <paramref name="input"/>; returns the bytes it took.</summary>
    public int Read(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            throw new ParquetFormatException("zstd: Huffman tree description missing");
        }

        Span<byte> weights = stackalloc byte[256];
        int header = input[0];
        int count;
        int consumed;
        if (header >= 128)
        {
            // Direct: 4 bits per weight, first weight in the high nibble.
            count = header - 127;
            consumed = 1 + ((count + 1) / 2);
            if (consumed > input.Length)
            {
                throw new ParquetFormatException("zstd: Huffman weights run past the literals section");
            }

            for (int i = 0; i < count; i++)
            {
                byte b = input[1 + (i / 2)];
                weights[i] = (byte)((i & 1) == 0 ? b >> 4 : b & 15);
            }
        }
        else
        {
            consumed = 1 + header;
            if (header == 0 || consumed > input.Length)
            {
                throw new ParquetFormatException("zstd: FSE-compressed Huffman weights run past the literals section");
            }

            count = DecodeWeights(input.Slice(1, header), weights);
        }

        Build(weights[..count]);
        return consumed;
    }

    /// <summary>Decodes one literal stream (a backward bitstream) into exactly <paramref name="output"/>.</summary>
    public void DecodeStream(ReadOnlySpan<byte> stream, Span<byte> output)
    {
        var bits = new ZstdBackwardBitReader(stream);
        int maxBits = MaxBits;
        byte[] symbols = _symbols;
        byte[] lengths = _lengths;
        for (int i = 0; i < output.Length; i++)
        {
            int index = (int)bits.Peek(maxBits);
            output[i] = symbols[index];
            bits.Skip(lengths[index]);
        }

        if (!bits.AtStart)
        {
            throw new ParquetFormatException("zstd: Huffman literal stream does not end where its literals do");
        }
    }

    /// <summary>Two interleaved FSE states decode the weights (RFC 8878 §4.2.1.2); returns how many.</summary>
    private static int DecodeWeights(ReadOnlySpan<byte> input, Span<byte> weights)
    {
        ZstdFseTable table = ZstdFseTable.Read(input, 255, ZstdConstants.MaxHuffmanWeightLog, out int descriptionLength);
        if (descriptionLength >= input.Length)
        {
            throw new ParquetFormatException("zstd: FSE-compressed Huffman weights have no bitstream");
        }

        var bits = new ZstdBackwardBitReader(input[descriptionLength..]);
        int state1 = (int)bits.Read(table.AccuracyLog);
        int state2 = (int)bits.Read(table.AccuracyLog);
        int count = 0;

        // At most 255 weights are coded (the last symbol's weight is implied).
        while (true)
        {
            if (count >= 254)
            {
                throw new ParquetFormatException("zstd: too many Huffman weights");
            }

            weights[count++] = table.Symbol(state1);
            state1 = table.Update(state1, ref bits);
            if (bits.Overflowed)
            {
                weights[count++] = table.Symbol(state2);
                break;
            }

            weights[count++] = table.Symbol(state2);
            state2 = table.Update(state2, ref bits);
            if (bits.Overflowed)
            {
                weights[count++] = table.Symbol(state1);
                break;
            }
        }

        return count;
    }

    /// <summary>Completes the weights with the implied last one and fills the decode table (codes by increasing weight, then symbol).</summary>
    private void Build(ReadOnlySpan<byte> weights)
    {
        long total = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] > ZstdConstants.MaxHuffmanBits)
            {
                throw new ParquetFormatException($"zstd: Huffman weight {weights[i]} too large");
            }

            if (weights[i] > 0)
            {
                total += 1L << (weights[i] - 1);
            }
        }

        if (total == 0)
        {
            throw new ParquetFormatException("zstd: Huffman weights are all zero");
        }

        int maxBits = BitOperations.Log2((ulong)total) + 1;
        long leftover = (1L << maxBits) - total;
        if (maxBits > ZstdConstants.MaxHuffmanBits || !BitOperations.IsPow2(leftover) || weights.Length >= 256)
        {
            throw new ParquetFormatException("zstd: Huffman weights do not form a complete code");
        }

        Span<byte> all = stackalloc byte[256];
        weights.CopyTo(all);
        int symbolCount = weights.Length + 1;
        all[weights.Length] = (byte)(BitOperations.Log2((ulong)leftover) + 1);

        MaxBits = maxBits;
        int position = 0;
        for (int weight = 1; weight <= maxBits; weight++)
        {
            int span = 1 << (weight - 1);
            byte length = (byte)(maxBits + 1 - weight);
            for (int s = 0; s < symbolCount; s++)
            {
                if (all[s] == weight)
                {
                    _symbols.AsSpan(position, span).Fill((byte)s);
                    _lengths.AsSpan(position, span).Fill(length);
                    position += span;
                }
            }
        }

        if (position != 1 << maxBits)
        {
            throw new ParquetFormatException("zstd: Huffman weights do not form a complete code");
        }
    }
}
