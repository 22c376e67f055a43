using System.Numerics;

namespace IOx.Pg.Storage.Parquet.Compression.Zstd;

/// <summary>
/// The encoding side of an FSE table built from a normalized distribution (the mirror of
/// <see cref="ZstdFseTable"/>): per symbol the transform that picks how many bits of the state to
/// emit and the next state. State values live in [tableSize, 2·tableSize); the decoder's state is
/// the value minus tableSize.
/// </summary>
internal sealed class ZstdFseEncoder
{
    /// <summary>Next state value by (state &gt;&gt; bits) + symbol offset.</summary>
    private readonly ushort[] _stateTable;

    /// <summary>Per symbol: (bits to emit &lt;&lt; 16) minus the smallest state emitting that many.</summary>
    private readonly int[] _deltaBits;

    /// <summary>Per symbol: offset of its states in <see cref="_stateTable"/>.</summary>
    private readonly int[] _deltaState;

    /// <summary>Builds the encoder of <paramref name="counts"/> (-1 = "less than one") at <paramref name="accuracyLog"/>.</summary>
    public ZstdFseEncoder(ReadOnlySpan<short> counts, int accuracyLog)
    {
        AccuracyLog = accuracyLog;
        int size = 1 << accuracyLog;
        int high = size - 1;
        Span<byte> symbols = stackalloc byte[size];
        Span<int> cumulative = stackalloc int[counts.Length + 1];
        for (int s = 0; s < counts.Length; s++)
        {
            if (counts[s] == -1)
            {
                cumulative[s + 1] = cumulative[s] + 1;
                symbols[high--] = (byte)s;
            }
            else
            {
                cumulative[s + 1] = cumulative[s] + counts[s];
            }
        }

        // Same spread as the decoder's table.
        int step = (size >> 1) + (size >> 3) + 3;
        int position = 0;
        for (int s = 0; s < counts.Length; s++)
        {
            for (int i = 0; i < counts[s]; i++)
            {
                symbols[position] = (byte)s;
                do
                {
                    position = (position + step) & (size - 1);
                }
                while (position > high);
            }
        }

        _stateTable = new ushort[size];
        for (int u = 0; u < size; u++)
        {
            _stateTable[cumulative[symbols[u]]++] = (ushort)(size + u);
        }

        _deltaBits = new int[counts.Length];
        _deltaState = new int[counts.Length];
        int total = 0;
        for (int s = 0; s < counts.Length; s++)
        {
            int count = counts[s];
            if (count == 0)
            {
                _deltaBits[s] = ((accuracyLog + 1) << 16) - size;
            }
            else if (count is -1 or 1)
            {
                _deltaBits[s] = (accuracyLog << 16) - size;
                _deltaState[s] = total - 1;
                total++;
            }
            else
            {
                int maxBitsOut = accuracyLog - BitOperations.Log2((uint)(count - 1));
                int minStatePlus = count << maxBitsOut;
                _deltaBits[s] = (maxBitsOut << 16) - minStatePlus;
                _deltaState[s] = total - count;
                total += count;
            }
        }
    }

    /// <summary>log2 of the table size.</summary>
    public int AccuracyLog { get; }

    /// <summary>The first state: the one from which the decoder's first symbol is <paramref name="symbol"/> (no bits emitted).</summary>
    public int Initial(int symbol)
    {
        int bitsOut = (_deltaBits[symbol] + (1 << 15)) >> 16;
        int value = (bitsOut << 16) - _deltaBits[symbol];
        return _stateTable[(value >> bitsOut) + _deltaState[symbol]];
    }

    /// <summary>Emits the low bits of <paramref name="state"/> and moves to the state that decodes <paramref name="symbol"/> first.</summary>
    public int Encode(int state, int symbol, ref ZstdBitWriter bits)
    {
        int bitsOut = (state + _deltaBits[symbol]) >> 16;
        bits.Add((uint)state, bitsOut);
        return _stateTable[(state >> bitsOut) + _deltaState[symbol]];
    }

    /// <summary>Emits the final state for the decoder to start from.</summary>
    public void Flush(int state, ref ZstdBitWriter bits) => bits.Add((uint)state, AccuracyLog);
}
