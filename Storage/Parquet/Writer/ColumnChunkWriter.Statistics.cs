using System.Buffers.Binary;
using IOx.Pg.Storage.Parquet.Format;

namespace IOx.Pg.Storage.Parquet.Writer;

/// <summary>Chunk statistics: min_value/max_value PLAIN-encoded, in each type's defined sort order.</summary>
internal sealed partial class ColumnChunkWriter
{
    /// <summary>Min/max of gathered integers [start, start + count); <paramref name="unsigned"/> compares as uint64; <paramref name="width"/> is the PLAIN size (4 for INT32, 8 for INT64).</summary>
    private Statistics LongStatistics(int start, int count, bool unsigned, int width)
    {
        var statistics = new Statistics();
        if (count == 0)
        {
            return statistics;
        }

        ReadOnlySpan<long> values = _scratch.Longs.AsSpan(start, count);
        long min;
        long max;
        if (unsigned)
        {
            ulong umin = ulong.MaxValue;
            ulong umax = 0;
            foreach (long value in values)
            {
                umin = Math.Min(umin, (ulong)value);
                umax = Math.Max(umax, (ulong)value);
            }

            min = (long)umin;
            max = (long)umax;
        }
        else
        {
            min = long.MaxValue;
            max = long.MinValue;
            foreach (long value in values)
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
        }

        statistics.MinValue = new byte[width];
        statistics.MaxValue = new byte[width];
        if (width == 4)
        {
            BinaryPrimitives.WriteInt32LittleEndian(statistics.MinValue, (int)min);
            BinaryPrimitives.WriteInt32LittleEndian(statistics.MaxValue, (int)max);
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(statistics.MinValue, min);
            BinaryPrimitives.WriteInt64LittleEndian(statistics.MaxValue, max);
        }

        return statistics;
    }

    /// <summary>
    /// Min/max of gathered doubles [start, start + count), ignoring NaN (no bounds when all are NaN); a zero minimum is
    /// written as -0.0 and a zero maximum as +0.0, as the format asks, so readers need not know
    /// which zero was seen.
    /// </summary>
    private Statistics DoubleStatistics(int start, int count, bool single)
    {
        var statistics = new Statistics();
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        bool any = false;
        foreach (double value in _scratch.Doubles.AsSpan(start, count))
        {
            if (double.IsNaN(value))
            {
                continue;
            }

            any = true;
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        if (!any)
        {
            return statistics;
        }

        if (min == 0)
        {
            min = -0.0;
        }

        if (max == 0)
        {
            max = 0.0;
        }

        if (single)
        {
            statistics.MinValue = new byte[4];
            statistics.MaxValue = new byte[4];
            BinaryPrimitives.WriteSingleLittleEndian(statistics.MinValue, (float)min);
            BinaryPrimitives.WriteSingleLittleEndian(statistics.MaxValue, (float)max);
            return statistics;
        }

        statistics.MinValue = new byte[8];
        statistics.MaxValue = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(statistics.MinValue, min);
        BinaryPrimitives.WriteDoubleLittleEndian(statistics.MaxValue, max);
        return statistics;
    }

    /// <summary>Min/max of gathered booleans [start, start + count) (false &lt; true), one byte each.</summary>
    private Statistics BooleanStatistics(int start, int count)
    {
        var statistics = new Statistics();
        if (count == 0)
        {
            return statistics;
        }

        bool anyTrue = false;
        bool anyFalse = false;
        foreach (int value in _scratch.Bools.AsSpan(start, count))
        {
            anyTrue |= value != 0;
            anyFalse |= value == 0;
        }

        statistics.MinValue = [anyFalse ? (byte)0 : (byte)1];
        statistics.MaxValue = [anyTrue ? (byte)1 : (byte)0];
        return statistics;
    }
}
