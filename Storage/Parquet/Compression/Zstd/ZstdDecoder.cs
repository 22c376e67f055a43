using System.Buffers.Binary;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Storage.Parquet.Compression.Zstd;

/// <summary>
/// A Zstandard decompressor written from RFC 8878: frames (and skippable frames), raw, RLE and
/// compressed blocks; literals raw, RLE or Huffman-coded in one or four streams (with the tree
/// kept for treeless blocks); sequences with predefined, RLE, FSE-described or repeated tables;
/// repeat offsets; the optional XXH64 content checksum. Dictionaries are not supported (0A000).
/// Every length, offset and table is checked, so truncated or corrupt input raises
/// <see cref="ParquetFormatException"/> and never reads or writes outside its spans; every loop
/// advances through the input or the output, so no input makes it hang.
/// </summary>
public static class ZstdDecoder
{
    /// <summary>The predefined literal-length table.</summary>
    private static readonly ZstdFseTable s_defaultLiteralLengths = ZstdFseTable.FromDistribution(ZstdConstants.DefaultLiteralLengths, 6);

    /// <summary>The predefined match-length table.</summary>
    private static readonly ZstdFseTable s_defaultMatchLengths = ZstdFseTable.FromDistribution(ZstdConstants.DefaultMatchLengths, 6);

    /// <summary>The predefined offset table.</summary>
    private static readonly ZstdFseTable s_defaultOffsets = ZstdFseTable.FromDistribution(ZstdConstants.DefaultOffsets, 5);

    /// <summary>Each thread's frame state, reused so a page costs no 128 KiB literal buffer.</summary>
    [ThreadStatic]
    private static ZstdFrameState? t_state;

    /// <summary>Decompresses every frame of <paramref name="input"/> into exactly <paramref name="output"/> (the size Parquet's page header states).</summary>
    public static void Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int written;
        try
        {
            written = DecompressFrames(input, output);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or ArgumentException)
        {
            // Defence in depth: every read is checked explicitly, but a slice the checks missed
            // must still surface as a corrupt page, not as an internal error.
            throw new ParquetFormatException("zstd: corrupt data (" + e.Message + ")", e);
        }

        if (written != output.Length)
        {
            throw new ParquetFormatException($"zstd page inflates to {written} bytes, header says {output.Length}");
        }
    }

    /// <summary>Decodes frames until the input ends; returns the bytes written.</summary>
    private static int DecompressFrames(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int position = 0;
        int written = 0;
        if (input.IsEmpty)
        {
            throw new ParquetFormatException("zstd: empty input");
        }

        while (position < input.Length)
        {
            if (input.Length - position < 4)
            {
                throw new ParquetFormatException("zstd: truncated frame magic");
            }

            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(input[position..]);
            if ((magic & ZstdConstants.SkippableMagicMask) == ZstdConstants.SkippableMagic)
            {
                if (input.Length - position < 8)
                {
                    throw new ParquetFormatException("zstd: truncated skippable frame");
                }

                uint size = BinaryPrimitives.ReadUInt32LittleEndian(input[(position + 4)..]);
                if (size > (uint)(input.Length - position - 8))
                {
                    throw new ParquetFormatException("zstd: skippable frame runs past the input");
                }

                position += 8 + (int)size;
                continue;
            }

            if (magic != ZstdConstants.FrameMagic)
            {
                throw new ParquetFormatException($"zstd: bad frame magic 0x{magic:X8}");
            }

            written = DecodeFrame(input, ref position, output, written);
        }

        return written;
    }

    /// <summary>Decodes the frame at <paramref name="position"/> (its magic already checked) after <paramref name="frameStart"/> output bytes; returns the output length after it.</summary>
    private static int DecodeFrame(ReadOnlySpan<byte> input, ref int position, Span<byte> output, int frameStart)
    {
        position += 4;
        Need(input, position, 1, "frame header");
        byte descriptor = input[position++];
        int contentSizeFlag = descriptor >> 6;
        bool singleSegment = (descriptor & 0x20) != 0;
        bool hasChecksum = (descriptor & 0x04) != 0;
        int dictionaryFlag = descriptor & 3;
        if ((descriptor & 0x08) != 0)
        {
            throw new ParquetFormatException("zstd: reserved frame header bit set");
        }

        if (!singleSegment)
        {
            // The window descriptor bounds back-references; every offset is checked against what
            // this frame has produced, which is the stricter bound here.
            Need(input, position, 1, "window descriptor");
            position++;
        }

        int dictionaryBytes = dictionaryFlag == 3 ? 4 : dictionaryFlag;
        Need(input, position, dictionaryBytes, "dictionary id");
        uint dictionaryId = 0;
        for (int i = 0; i < dictionaryBytes; i++)
        {
            dictionaryId |= (uint)input[position + i] << (8 * i);
        }

        position += dictionaryBytes;
        if (dictionaryId != 0)
        {
            throw SqlException.NotSupported($"zstd frames compressed with a dictionary (id {dictionaryId})");
        }

        int contentSizeBytes = contentSizeFlag switch
        {
            0 => singleSegment ? 1 : 0,
            1 => 2,
            2 => 4,
            _ => 8,
        };
        Need(input, position, contentSizeBytes, "frame content size");
        ulong contentSize = 0;
        for (int i = 0; i < contentSizeBytes; i++)
        {
            contentSize |= (ulong)input[position + i] << (8 * i);
        }

        if (contentSizeBytes == 2)
        {
            contentSize += 256;
        }

        position += contentSizeBytes;
        if (contentSizeBytes > 0 && contentSize > (ulong)(output.Length - frameStart))
        {
            throw new ParquetFormatException($"zstd: frame content size {contentSize} exceeds the {output.Length} bytes the page header says");
        }

        ZstdFrameState state = t_state ??= new ZstdFrameState();
        state.Reset();
        int written = frameStart;
        bool last;
        do
        {
            Need(input, position, 3, "block header");
            int header = input[position] | (input[position + 1] << 8) | (input[position + 2] << 16);
            position += 3;
            last = (header & 1) != 0;
            int type = (header >> 1) & 3;
            int size = header >> 3;
            if (size > ZstdConstants.MaxBlockSize)
            {
                throw new ParquetFormatException($"zstd: block of {size} bytes exceeds 128 KiB");
            }

            switch (type)
            {
                case 0:
                    Need(input, position, size, "raw block");
                    Room(output, written, size);
                    input.Slice(position, size).CopyTo(output[written..]);
                    position += size;
                    written += size;
                    break;
                case 1:
                    Need(input, position, 1, "RLE block");
                    Room(output, written, size);
                    output.Slice(written, size).Fill(input[position]);
                    position++;
                    written += size;
                    break;
                case 2:
                    Need(input, position, size, "compressed block");
                    written = DecodeCompressedBlock(input.Slice(position, size), output, written, frameStart, state);
                    position += size;
                    break;
                default:
                    throw new ParquetFormatException("zstd: reserved block type");
            }
        }
        while (!last);

        if (contentSizeBytes > 0 && (ulong)(written - frameStart) != contentSize)
        {
            throw new ParquetFormatException($"zstd: frame holds {written - frameStart} bytes, its header says {contentSize}");
        }

        if (hasChecksum)
        {
            Need(input, position, 4, "content checksum");
            uint expected = BinaryPrimitives.ReadUInt32LittleEndian(input[position..]);
            uint actual = (uint)XxHash64.Hash(output[frameStart..written]);
            if (expected != actual)
            {
                throw new ParquetFormatException($"zstd: content checksum 0x{actual:X8} does not match the frame's 0x{expected:X8}");
            }

            position += 4;
        }

        return written;
    }

    /// <summary>Decodes one compressed block (literals section, then sequences) into <paramref name="output"/> at <paramref name="written"/>; returns the new output length.</summary>
    private static int DecodeCompressedBlock(ReadOnlySpan<byte> block, Span<byte> output, int written, int frameStart, ZstdFrameState state)
    {
        ReadOnlySpan<byte> literals = ReadLiterals(block, state, out int position);

        Need(block, position, 1, "sequences section header");
        int sequenceCount = block[position++];
        if (sequenceCount == 0)
        {
            Room(output, written, literals.Length);
            literals.CopyTo(output[written..]);
            return written + literals.Length;
        }

        if (sequenceCount == 255)
        {
            Need(block, position, 2, "sequence count");
            sequenceCount = block[position] + (block[position + 1] << 8) + 0x7F00;
            position += 2;
        }
        else if (sequenceCount >= 128)
        {
            Need(block, position, 1, "sequence count");
            sequenceCount = ((sequenceCount - 128) << 8) + block[position++];
        }

        Need(block, position, 1, "symbol compression modes");
        int modes = block[position++];
        if ((modes & 3) != 0)
        {
            throw new ParquetFormatException("zstd: reserved bits set in the symbol compression modes");
        }

        state.LiteralLengths = ReadTable(modes >> 6, block, ref position, s_defaultLiteralLengths, state.LiteralLengths, ZstdConstants.MaxLiteralLengthCode, ZstdConstants.MaxLiteralLengthLog);
        state.Offsets = ReadTable((modes >> 4) & 3, block, ref position, s_defaultOffsets, state.Offsets, ZstdConstants.MaxOffsetCode, ZstdConstants.MaxOffsetLog);
        state.MatchLengths = ReadTable((modes >> 2) & 3, block, ref position, s_defaultMatchLengths, state.MatchLengths, ZstdConstants.MaxMatchLengthCode, ZstdConstants.MaxMatchLengthLog);
        return ExecuteSequences(block[position..], sequenceCount, literals, output, written, frameStart, state);
    }

    /// <summary>Decodes the sequences bitstream and executes each sequence (copy literals, copy match); returns the new output length.</summary>
    private static int ExecuteSequences(ReadOnlySpan<byte> stream, int sequenceCount, ReadOnlySpan<byte> literals, Span<byte> output, int written, int frameStart, ZstdFrameState state)
    {
        ZstdFseTable literalTable = state.LiteralLengths!;
        ZstdFseTable offsetTable = state.Offsets!;
        ZstdFseTable matchTable = state.MatchLengths!;
        var bits = new ZstdBackwardBitReader(stream);
        int literalState = (int)bits.Read(literalTable.AccuracyLog);
        int offsetState = (int)bits.Read(offsetTable.AccuracyLog);
        int matchState = (int)bits.Read(matchTable.AccuracyLog);
        ReadOnlySpan<int> literalBaseline = ZstdConstants.LiteralLengthBaseline;
        ReadOnlySpan<byte> literalExtra = ZstdConstants.LiteralLengthExtraBits;
        ReadOnlySpan<int> matchBaseline = ZstdConstants.MatchLengthBaseline;
        ReadOnlySpan<byte> matchExtra = ZstdConstants.MatchLengthExtraBits;
        int literalPosition = 0;
        for (int i = 0; i < sequenceCount; i++)
        {
            int offsetCode = offsetTable.Symbol(offsetState);
            int matchCode = matchTable.Symbol(matchState);
            int literalCode = literalTable.Symbol(literalState);
            if (offsetCode > ZstdConstants.MaxOffsetCode)
            {
                throw new ParquetFormatException($"zstd: offset code {offsetCode} too large");
            }

            // Extra bits in the order RFC 8878 §3.1.1.3.2.4 gives: offset, match length, literal length.
            long offsetValue = (1L << offsetCode) + bits.Read(offsetCode);
            int matchLength = matchBaseline[matchCode] + (int)bits.Read(matchExtra[matchCode]);
            int literalLength = literalBaseline[literalCode] + (int)bits.Read(literalExtra[literalCode]);
            long offset = state.ResolveOffset(offsetValue, literalLength);

            if (i + 1 < sequenceCount)
            {
                literalState = literalTable.Update(literalState, ref bits);
                matchState = matchTable.Update(matchState, ref bits);
                offsetState = offsetTable.Update(offsetState, ref bits);
            }

            if (literalLength > literals.Length - literalPosition)
            {
                throw new ParquetFormatException("zstd: sequence uses more literals than the block holds");
            }

            Room(output, written, literalLength + matchLength);
            literals.Slice(literalPosition, literalLength).CopyTo(output[written..]);
            literalPosition += literalLength;
            written += literalLength;

            if (offset <= 0 || offset > written - frameStart)
            {
                throw new ParquetFormatException($"zstd: match offset {offset} reaches before the frame's first byte");
            }

            int source = written - (int)offset;
            if (offset >= matchLength)
            {
                output.Slice(source, matchLength).CopyTo(output[written..]);
            }
            else
            {
                // Overlapping copy: each byte may be one this match just wrote.
                for (int k = 0; k < matchLength; k++)
                {
                    output[written + k] = output[source + k];
                }
            }

            written += matchLength;
        }

        if (!bits.AtStart)
        {
            throw new ParquetFormatException("zstd: sequences bitstream does not end with its last sequence");
        }

        int rest = literals.Length - literalPosition;
        Room(output, written, rest);
        literals[literalPosition..].CopyTo(output[written..]);
        return written + rest;
    }

    /// <summary>Reads the literals section at the start of <paramref name="block"/>; <paramref name="consumed"/> is its length.</summary>
    private static ReadOnlySpan<byte> ReadLiterals(ReadOnlySpan<byte> block, ZstdFrameState state, out int consumed)
    {
        Need(block, 0, 1, "literals section header");
        int b0 = block[0];
        int type = b0 & 3;
        int sizeFormat = (b0 >> 2) & 3;
        if (type <= 1)
        {
            int headerLength;
            int size;
            switch (sizeFormat)
            {
                case 0:
                case 2:
                    headerLength = 1;
                    size = b0 >> 3;
                    break;
                case 1:
                    Need(block, 0, 2, "literals section header");
                    headerLength = 2;
                    size = (b0 >> 4) + (block[1] << 4);
                    break;
                default:
                    Need(block, 0, 3, "literals section header");
                    headerLength = 3;
                    size = (b0 >> 4) + (block[1] << 4) + (block[2] << 12);
                    break;
            }

            if (size > ZstdConstants.MaxBlockSize)
            {
                throw new ParquetFormatException($"zstd: {size} literals exceed a block");
            }

            if (type == 0)
            {
                Need(block, headerLength, size, "raw literals");
                consumed = headerLength + size;
                return block.Slice(headerLength, size);
            }

            Need(block, headerLength, 1, "RLE literal");
            Span<byte> rle = state.Literals.AsSpan(0, size);
            rle.Fill(block[headerLength]);
            consumed = headerLength + 1;
            return rle;
        }

        (int streams, int sizeHeader, int sizeBits) = sizeFormat switch
        {
            0 => (1, 3, 10),
            1 => (4, 3, 10),
            2 => (4, 4, 14),
            _ => (4, 5, 18),
        };
        Need(block, 0, sizeHeader, "literals section header");
        ulong value = 0;
        for (int i = 0; i < sizeHeader; i++)
        {
            value |= (ulong)block[i] << (8 * i);
        }

        int mask = (1 << sizeBits) - 1;
        int regenerated = (int)(value >> 4) & mask;
        int compressed = (int)(value >> (4 + sizeBits)) & mask;
        if (regenerated > ZstdConstants.MaxBlockSize)
        {
            throw new ParquetFormatException($"zstd: {regenerated} literals exceed a block");
        }

        Need(block, sizeHeader, compressed, "compressed literals");
        ReadOnlySpan<byte> section = block.Slice(sizeHeader, compressed);
        if (type == 2)
        {
            state.Huffman ??= new ZstdHuffmanTable();
            section = section[state.Huffman.Read(section)..];
        }
        else if (state.Huffman is null)
        {
            throw new ParquetFormatException("zstd: treeless literals with no earlier Huffman tree in the frame");
        }

        Span<byte> target = state.Literals.AsSpan(0, regenerated);
        if (streams == 1)
        {
            state.Huffman.DecodeStream(section, target);
        }
        else
        {
            Need(section, 0, 6, "literal jump table");
            int size1 = BinaryPrimitives.ReadUInt16LittleEndian(section);
            int size2 = BinaryPrimitives.ReadUInt16LittleEndian(section[2..]);
            int size3 = BinaryPrimitives.ReadUInt16LittleEndian(section[4..]);
            int size4 = section.Length - 6 - size1 - size2 - size3;
            int segment = (regenerated + 3) / 4;
            int last = regenerated - (3 * segment);
            if (size4 < 1 || last < 0)
            {
                throw new ParquetFormatException("zstd: literal jump table does not fit its section");
            }

            int start = 6;
            state.Huffman.DecodeStream(section.Slice(start, size1), target[..segment]);
            start += size1;
            state.Huffman.DecodeStream(section.Slice(start, size2), target.Slice(segment, segment));
            start += size2;
            state.Huffman.DecodeStream(section.Slice(start, size3), target.Slice(2 * segment, segment));
            start += size3;
            state.Huffman.DecodeStream(section.Slice(start, size4), target.Slice(3 * segment, last));
        }

        consumed = sizeHeader + compressed;
        return target;
    }

    /// <summary>The table of one sequence field in the given compression mode (RFC 8878 §3.1.1.3.2.1).</summary>
    private static ZstdFseTable ReadTable(int mode, ReadOnlySpan<byte> block, ref int position, ZstdFseTable predefined, ZstdFseTable? previous, int maxSymbol, int maxLog)
    {
        switch (mode)
        {
            case 0:
                return predefined;
            case 1:
                Need(block, position, 1, "RLE sequence symbol");
                return ZstdFseTable.Rle(block[position++], maxSymbol);
            case 2:
            {
                ZstdFseTable table = ZstdFseTable.Read(block[position..], maxSymbol, maxLog, out int consumed);
                position += consumed;
                return table;
            }

            default:
                return previous ?? throw new ParquetFormatException("zstd: repeated sequence table with none before it in the frame");
        }
    }

    /// <summary>Throws unless <paramref name="count"/> bytes from <paramref name="position"/> lie inside <paramref name="data"/>.</summary>
    private static void Need(ReadOnlySpan<byte> data, int position, int count, string what)
    {
        if (count < 0 || position > data.Length - count)
        {
            throw new ParquetFormatException($"zstd: truncated input ({what})");
        }
    }

    /// <summary>Throws unless <paramref name="count"/> more bytes fit in the output.</summary>
    private static void Room(Span<byte> output, int written, int count)
    {
        if (count > output.Length - written)
        {
            throw new ParquetFormatException($"zstd page inflates to more than the {output.Length} bytes the header says");
        }
    }
}
