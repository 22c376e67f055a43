using System.Numerics;

namespace IOx.Pg.Storage.Parquet.Compression.Zstd;

/// <summary>
/// A finite-state-entropy decoding table (RFC 8878 §4.1): state → (symbol, bits to read, base of
/// the next state). Built from a normalized distribution read from a table description, from a
/// predefined distribution, or as an RLE table of one symbol. Invariant: every entry's next state
/// plus any value of its bits lies inside the table.
/// </summary>
internal sealed class ZstdFseTable
{
    /// <summary>Symbol of each state.</summary>
    private readonly byte[] _symbols;

    /// <summary>Bits read to leave each state.</summary>
    private readonly byte[] _bits;

    /// <summary>Next state before the read bits are added.</summary>
    private readonly ushort[] _baselines;

    /// <summary>Creates an empty table of 2^<paramref name="maxLog"/> states.</summary>
    private ZstdFseTable(int maxLog)
    {
        _symbols = new byte[1 << maxLog];
        _bits = new byte[1 << maxLog];
        _baselines = new ushort[1 << maxLog];
    }

    /// <summary>log2 of the number of states (0 for an RLE table).</summary>
    public int AccuracyLog { get; private set; }

    /// <summary>The symbol of <paramref name="state"/>.</summary>
    public byte Symbol(int state) => _symbols[state];

    /// <summary>Reads the bits of <paramref name="state"/>'s transition and returns the next state.</summary>
    public int Update(int state, ref ZstdBackwardBitReader bits) => _baselines[state] + (int)bits.Read(_bits[state]);

    /// <summary>A table of one symbol that reads no bits.</summary>
    public static ZstdFseTable Rle(byte symbol, int maxSymbol)
    {
        if (symbol > maxSymbol)
        {
            throw new ParquetFormatException($"zstd: RLE symbol {symbol} above the largest code {maxSymbol}");
        }

        var table = new ZstdFseTable(0) { AccuracyLog = 0 };
        table._symbols[0] = symbol;
        return table;
    }

    /// <summary>The table of a predefined distribution.</summary>
    public static ZstdFseTable FromDistribution(ReadOnlySpan<short> counts, int accuracyLog)
    {
        var table = new ZstdFseTable(accuracyLog);
        table.Build(counts, accuracyLog);
        return table;
    }

    /// <summary>
    /// Reads a table description (RFC 8878 §4.1.1) from the start of <paramref name="input"/>;
    /// returns the table and the bytes the description took.
    /// </summary>
    public static ZstdFseTable Read(ReadOnlySpan<byte> input, int maxSymbol, int maxLog, out int consumed)
    {
        var reader = new ZstdForwardBitReader(input);
        int accuracyLog = (int)reader.Read(4) + 5;
        if (accuracyLog > maxLog)
        {
            throw new ParquetFormatException($"zstd: FSE accuracy log {accuracyLog} above the limit {maxLog}");
        }

        Span<short> counts = stackalloc short[256];
        int remaining = (1 << accuracyLog) + 1;
        int threshold = 1 << accuracyLog;
        int bitCount = accuracyLog + 1;
        int symbol = 0;
        bool previousZero = false;
        while (remaining > 1)
        {
            if (previousZero)
            {
                // Runs of zero-probability symbols are coded as 2-bit repeat counts (3 = keep going).
                int zeros = 0;
                uint repeat;
                do
                {
                    repeat = reader.Read(2);
                    zeros += (int)repeat;
                }
                while (repeat == 3);

                if (symbol + zeros > maxSymbol + 1)
                {
                    throw new ParquetFormatException("zstd: FSE description names symbols past the largest code");
                }

                symbol += zeros;
                previousZero = false;
                if (symbol > maxSymbol)
                {
                    break;
                }
            }

            if (symbol > maxSymbol)
            {
                throw new ParquetFormatException("zstd: FSE description names symbols past the largest code");
            }

            // Values below 'max' take one bit less (RFC 8878 §4.1.1).
            int max = (2 * threshold) - 1 - remaining;
            uint peek = reader.Peek(bitCount);
            int count;
            if ((peek & (uint)(threshold - 1)) < (uint)max)
            {
                count = (int)(peek & (uint)(threshold - 1));
                reader.Skip(bitCount - 1);
            }
            else
            {
                count = (int)(peek & (uint)((2 * threshold) - 1));
                if (count >= threshold)
                {
                    count -= max;
                }

                reader.Skip(bitCount);
            }

            count--;
            remaining -= count < 0 ? -count : count;
            counts[symbol++] = (short)count;
            previousZero = count == 0;
            while (remaining < threshold && threshold > 1)
            {
                bitCount--;
                threshold >>= 1;
            }
        }

        if (remaining != 1)
        {
            throw new ParquetFormatException("zstd: FSE description's probabilities do not add up");
        }

        consumed = reader.BytesConsumed;
        var table = new ZstdFseTable(accuracyLog);
        table.Build(counts[..symbol], accuracyLog);
        return table;
    }

    /// <summary>Spreads the symbols over the states and sets each state's transition (RFC 8878 §4.1.1).</summary>
    private void Build(ReadOnlySpan<short> counts, int accuracyLog)
    {
        AccuracyLog = accuracyLog;
        int size = 1 << accuracyLog;
        int high = size - 1;
        Span<int> next = stackalloc int[256];

        // "Less than 1" probabilities take one state each at the top.
        for (int s = 0; s < counts.Length; s++)
        {
            if (counts[s] == -1)
            {
                if (high < 0)
                {
                    throw new ParquetFormatException("zstd: FSE distribution has too many symbols");
                }

                _symbols[high--] = (byte)s;
                next[s] = 1;
            }
            else
            {
                next[s] = counts[s];
            }
        }

        int step = (size >> 1) + (size >> 3) + 3;
        int mask = size - 1;
        int position = 0;
        for (int s = 0; s < counts.Length; s++)
        {
            for (int i = 0; i < counts[s]; i++)
            {
                _symbols[position] = (byte)s;
                do
                {
                    position = (position + step) & mask;
                }
                while (position > high);
            }
        }

        if (position != 0)
        {
            throw new ParquetFormatException("zstd: FSE distribution does not fill its table");
        }

        for (int state = 0; state < size; state++)
        {
            byte s = _symbols[state];
            int nextState = next[s]++;
            if (nextState <= 0)
            {
                throw new ParquetFormatException("zstd: FSE distribution is inconsistent");
            }

            int bits = accuracyLog - BitOperations.Log2((uint)nextState);
            if (bits < 0)
            {
                throw new ParquetFormatException("zstd: FSE distribution is inconsistent");
            }

            _bits[state] = (byte)bits;
            _baselines[state] = (ushort)((nextState << bits) - size);
        }
    }
}
