using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace IOx.Pg.Storage.Parquet.Compression.Zstd;

/// <summary>
/// A Zstandard compressor (RFC 8878) writing one frame with the content size and an XXH64
/// checksum. Each block of up to 128 KiB is an RLE block when all its bytes are equal, else a
/// compressed block when that is smaller, else a raw block. Compressed blocks come from a greedy
/// LZ77 match finder (4-byte hash, offsets anywhere earlier in the frame) and hold raw literals
/// and sequences coded with the predefined FSE tables; Huffman-coded literals and per-block
/// tables are not built (they would shrink output further, not change its validity).
/// </summary>
public static class ZstdEncoder
{
    /// <summary>log2 of the match finder's hash table size.</summary>
    private const int HashBits = 16;

    /// <summary>Shortest match searched for.</summary>
    private const int MinMatch = 4;

    /// <summary>Literal-length encoder of the predefined table.</summary>
    private static readonly ZstdFseEncoder s_literalLengths = new(ZstdConstants.DefaultLiteralLengths, 6);

    /// <summary>Match-length encoder of the predefined table.</summary>
    private static readonly ZstdFseEncoder s_matchLengths = new(ZstdConstants.DefaultMatchLengths, 6);

    /// <summary>Offset encoder of the predefined table.</summary>
    private static readonly ZstdFseEncoder s_offsets = new(ZstdConstants.DefaultOffsets, 5);

    /// <summary>Worst-case output size for <paramref name="length"/> input bytes (all blocks raw).</summary>
    public static int MaxCompressedLength(int length) => length + (3 * ((length / ZstdConstants.MaxBlockSize) + 1)) + 13;

    /// <summary>Compresses <paramref name="input"/> into <paramref name="output"/> (at least <see cref="MaxCompressedLength"/> bytes); returns bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < MaxCompressedLength(input.Length))
        {
            throw new ArgumentException("output buffer too small", nameof(output));
        }

        // Frame header: single segment (the window is the content), 4-byte content size, checksum.
        BinaryPrimitives.WriteUInt32LittleEndian(output, ZstdConstants.FrameMagic);
        output[4] = 0x80 | 0x20 | 0x04;
        BinaryPrimitives.WriteUInt32LittleEndian(output[5..], (uint)input.Length);
        int written = 9;

        int[] table = ArrayPool<int>.Shared.Rent(1 << HashBits);
        int[] sequences = ArrayPool<int>.Shared.Rent(3 * ((ZstdConstants.MaxBlockSize / MinMatch) + 1));
        byte[] scratch = ArrayPool<byte>.Shared.Rent(ZstdConstants.MaxBlockSize);
        try
        {
            Array.Clear(table, 0, 1 << HashBits);
            int start = 0;
            do
            {
                int length = Math.Min(ZstdConstants.MaxBlockSize, input.Length - start);
                bool last = start + length == input.Length;
                written += WriteBlock(input, start, length, last, output[written..], table, sequences, scratch);
                start += length;
            }
            while (start < input.Length);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(table);
            ArrayPool<int>.Shared.Return(sequences);
            ArrayPool<byte>.Shared.Return(scratch);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(output[written..], (uint)XxHash64.Hash(input));
        return written + 4;
    }

    /// <summary>Writes one block (header included) for input[start..start+length]; returns its size.</summary>
    private static int WriteBlock(ReadOnlySpan<byte> input, int start, int length, bool last, Span<byte> output, int[] table, int[] sequences, byte[] scratch)
    {
        ReadOnlySpan<byte> block = input.Slice(start, length);
        int lastBit = last ? 1 : 0;
        if (length > 1 && !block[1..].ContainsAnyExcept(block[0]))
        {
            WriteBlockHeader(output, lastBit | (1 << 1) | (length << 3));
            output[3] = block[0];
            return 4;
        }

        int compressed = length >= 16 ? CompressBlock(input, start, length, table, sequences, scratch) : -1;
        if (compressed > 0 && compressed < length)
        {
            WriteBlockHeader(output, lastBit | (2 << 1) | (compressed << 3));
            scratch.AsSpan(0, compressed).CopyTo(output[3..]);
            return 3 + compressed;
        }

        WriteBlockHeader(output, lastBit | (length << 3));
        block.CopyTo(output[3..]);
        return 3 + length;
    }

    /// <summary>Writes a 3-byte little-endian block header.</summary>
    private static void WriteBlockHeader(Span<byte> output, int header)
    {
        output[0] = (byte)header;
        output[1] = (byte)(header >> 8);
        output[2] = (byte)(header >> 16);
    }

    /// <summary>
    /// The body of a compressed block into <paramref name="scratch"/>; returns its size, or -1 when
    /// it would not be smaller than the raw block.
    /// </summary>
    private static int CompressBlock(ReadOnlySpan<byte> input, int start, int length, int[] table, int[] sequences, byte[] scratch)
    {
        int end = start + length;
        int limit = end - MinMatch;
        int anchor = start;
        int position = start;
        int count = 0;
        int literalTotal = 0;
        int misses = 0;
        while (position <= limit)
        {
            uint word = BinaryPrimitives.ReadUInt32LittleEndian(input[position..]);
            int slot = (int)((word * 2654435761u) >> (32 - HashBits));
            int candidate = table[slot] - 1;
            table[slot] = position + 1;
            // Offsets stay below 2^27 so their codes fit the predefined offset table (codes up to 28).
            if (candidate < 0 || position - candidate >= 1 << 27 || BinaryPrimitives.ReadUInt32LittleEndian(input[candidate..]) != word)
            {
                // Step faster through data that does not match (as Snappy and LZ4 do).
                position += 1 + (misses++ >> 5);
                continue;
            }

            misses = 0;
            int matchLength = MinMatch + CommonPrefix(input[(candidate + MinMatch)..], input[(position + MinMatch)..end]);

            // Extend backwards over literals that also match.
            while (position > anchor && candidate > 0 && input[position - 1] == input[candidate - 1])
            {
                position--;
                candidate--;
                matchLength++;
            }

            sequences[count * 3] = position - anchor;
            sequences[(count * 3) + 1] = position - candidate;
            sequences[(count * 3) + 2] = matchLength;
            count++;
            literalTotal += position - anchor;
            position += matchLength;
            anchor = position;
            if (position - 2 >= start && position - 2 <= limit)
            {
                // Remember a position inside the match so the next one can chain from it.
                uint inner = BinaryPrimitives.ReadUInt32LittleEndian(input[(position - 2)..]);
                table[(int)((inner * 2654435761u) >> (32 - HashBits))] = position - 2 + 1;
            }
        }

        if (count == 0)
        {
            return -1;
        }

        literalTotal += end - anchor;
        Span<byte> output = scratch.AsSpan(0, length);

        // Literals section: raw.
        int written;
        if (literalTotal < 32)
        {
            written = 1;
            if (written + literalTotal > output.Length)
            {
                return -1;
            }

            output[0] = (byte)(literalTotal << 3);
        }
        else if (literalTotal < 4096)
        {
            written = 2;
            if (written + literalTotal > output.Length)
            {
                return -1;
            }

            output[0] = (byte)((literalTotal << 4) | 0x04);
            output[1] = (byte)(literalTotal >> 4);
        }
        else
        {
            written = 3;
            if (written + literalTotal > output.Length)
            {
                return -1;
            }

            output[0] = (byte)((literalTotal << 4) | 0x0C);
            output[1] = (byte)(literalTotal >> 4);
            output[2] = (byte)(literalTotal >> 12);
        }

        int source = start;
        for (int i = 0; i < count; i++)
        {
            int literals = sequences[i * 3];
            input.Slice(source, literals).CopyTo(output[written..]);
            written += literals;
            source += literals + sequences[(i * 3) + 2];
        }

        input[source..end].CopyTo(output[written..]);
        written += end - source;

        // Sequences section header: count, then modes (all predefined).
        if (output.Length - written < 4)
        {
            return -1;
        }

        if (count < 128)
        {
            output[written++] = (byte)count;
        }
        else if (count < 0x7F00)
        {
            output[written++] = (byte)((count >> 8) + 0x80);
            output[written++] = (byte)count;
        }
        else
        {
            output[written++] = 0xFF;
            output[written++] = (byte)(count - 0x7F00);
            output[written++] = (byte)((count - 0x7F00) >> 8);
        }

        output[written++] = 0;
        var bits = new ZstdBitWriter(output[written..]);
        WriteSequences(sequences, count, ref bits);
        int streamLength = bits.Close();
        if (bits.Overflowed || written + streamLength >= length)
        {
            return -1;
        }

        return written + streamLength;
    }

    /// <summary>
    /// The sequences bitstream (RFC 8878 §3.1.1.3.2.5), written last sequence first so the decoder,
    /// reading backwards, meets them in order: per sequence the state transitions (offset, match,
    /// literal) then the extra bits (literal, match, offset); the final states last.
    /// </summary>
    private static void WriteSequences(int[] sequences, int count, ref ZstdBitWriter bits)
    {
        int n = count - 1;
        Codes(sequences, n, out int literalCode, out int matchCode, out int offsetCode, out uint offsetValue);
        int matchState = s_matchLengths.Initial(matchCode);
        int offsetState = s_offsets.Initial(offsetCode);
        int literalState = s_literalLengths.Initial(literalCode);
        AddExtras(sequences, n, literalCode, matchCode, offsetCode, offsetValue, ref bits);
        for (n = count - 2; n >= 0; n--)
        {
            Codes(sequences, n, out literalCode, out matchCode, out offsetCode, out offsetValue);
            offsetState = s_offsets.Encode(offsetState, offsetCode, ref bits);
            matchState = s_matchLengths.Encode(matchState, matchCode, ref bits);
            literalState = s_literalLengths.Encode(literalState, literalCode, ref bits);
            AddExtras(sequences, n, literalCode, matchCode, offsetCode, offsetValue, ref bits);
        }

        s_matchLengths.Flush(matchState, ref bits);
        s_offsets.Flush(offsetState, ref bits);
        s_literalLengths.Flush(literalState, ref bits);
    }

    /// <summary>The codes of sequence <paramref name="n"/>; offsets are sent as new offsets (value = offset + 3).</summary>
    private static void Codes(int[] sequences, int n, out int literalCode, out int matchCode, out int offsetCode, out uint offsetValue)
    {
        literalCode = CodeOf(ZstdConstants.LiteralLengthBaseline, sequences[n * 3]);
        offsetValue = (uint)sequences[(n * 3) + 1] + 3;
        offsetCode = BitOperations.Log2(offsetValue);
        matchCode = CodeOf(ZstdConstants.MatchLengthBaseline, sequences[(n * 3) + 2]);
    }

    /// <summary>Appends sequence <paramref name="n"/>'s extra bits: literal length, match length, offset.</summary>
    private static void AddExtras(int[] sequences, int n, int literalCode, int matchCode, int offsetCode, uint offsetValue, ref ZstdBitWriter bits)
    {
        bits.Add((uint)(sequences[n * 3] - ZstdConstants.LiteralLengthBaseline[literalCode]), ZstdConstants.LiteralLengthExtraBits[literalCode]);
        bits.Add((uint)(sequences[(n * 3) + 2] - ZstdConstants.MatchLengthBaseline[matchCode]), ZstdConstants.MatchLengthExtraBits[matchCode]);
        bits.Add(offsetValue - (1u << offsetCode), offsetCode);
    }

    /// <summary>The highest code whose baseline is at most <paramref name="value"/>.</summary>
    private static int CodeOf(ReadOnlySpan<int> baselines, int value)
    {
        int code = baselines.Length - 1;
        while (baselines[code] > value)
        {
            code--;
        }

        return code;
    }

    /// <summary>How many leading bytes of <paramref name="a"/> and <paramref name="b"/> agree.</summary>
    private static int CommonPrefix(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        a.CommonPrefixLength(b) is int n && n >= 0 ? n : 0;
}
