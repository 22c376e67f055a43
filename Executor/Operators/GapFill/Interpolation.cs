using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.GapFill;

/// <summary>
/// interpolate(agg) for the gap-fill operator: within each series, a NULL between two non-NULL
/// values becomes v0 + (v1 - v0) · (t - t0) / (t1 - t0), t being the row's bin. NULLs before the
/// first or after the last value of a series stay NULL. Floats compute in double precision,
/// numeric in System.Decimal, integers exactly in 128 bits and truncate toward zero (the column
/// keeps its type). The column is a fresh gather owned by the caller, so its buffers are filled in place.
/// </summary>
public static class Interpolation
{
    /// <summary>Whether interpolate() accepts a column of <paramref name="type"/>.</summary>
    public static bool Supports(DataType type) =>
        type is DataType.Float64 or DataType.Float32 or DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Numeric;

    /// <summary>
    /// The column with its inner NULLs interpolated; <paramref name="seriesStart"/>[s]..[s+1] are
    /// series s's rows. With <paramref name="gapRows"/> (Timescale) only the rows it marks are filled,
    /// from the nearest unmarked rows on both sides, and only when both of those are not NULL.
    /// </summary>
    public static Column Fill(Column column, long[] times, int[] seriesStart, bool[]? gapRows = null) => column switch
    {
        PrimitiveColumn<double> c => Fill(c, times, seriesStart, gapRows, static (v0, v1, num, den) => v0 + ((v1 - v0) * ((double)num / den))),
        PrimitiveColumn<float> c => Fill(c, times, seriesStart, gapRows, static (v0, v1, num, den) => (float)(v0 + ((v1 - v0) * ((double)num / den)))),
        PrimitiveColumn<long> c => Fill(c, times, seriesStart, gapRows, static (v0, v1, num, den) => (long)(v0 + (((Int128)v1 - v0) * num / den))),
        PrimitiveColumn<int> c => Fill(c, times, seriesStart, gapRows, static (v0, v1, num, den) => (int)(v0 + (((Int128)v1 - v0) * num / den))),
        PrimitiveColumn<short> c => Fill(c, times, seriesStart, gapRows, static (v0, v1, num, den) => (short)(v0 + (((Int128)v1 - v0) * num / den))),
        PrimitiveColumn<decimal> c => Fill(c, times, seriesStart, gapRows, static (v0, v1, num, den) => v0 + ((v1 - v0) * num / den)),
        _ => throw new NotSupportedException($"interpolate on {column.Type}"),
    };

    /// <summary>Fills one typed column; <paramref name="between"/> is the value at fraction num/den from v0 to v1 (a static lambda: no capture, no allocation per row).</summary>
    private static PrimitiveColumn<T> Fill<T>(PrimitiveColumn<T> column, long[] times, int[] seriesStart, bool[]? gapRows, Func<T, T, long, long, T> between)
        where T : unmanaged
    {
        if (column.NullCount == 0)
        {
            return column;
        }

        T[] values = column.Buffer;
        byte[] validity = column.ValidityBuffer!;
        int filled = 0;
        for (int s = 0; s + 1 < seriesStart.Length; s++)
        {
            int previous = -1;
            for (int i = seriesStart[s]; i < seriesStart[s + 1]; i++)
            {
                // Anchors: the non-NULL rows (InfluxDB), or every existing row, NULL or not (Timescale).
                if (gapRows is null ? !BitUtil.Get(validity, i) : gapRows[i])
                {
                    continue;
                }

                if (previous >= 0 && i - previous > 1 && BitUtil.Get(validity, previous) && BitUtil.Get(validity, i))
                {
                    long t0 = times[previous];
                    long den = times[i] - t0;
                    for (int j = previous + 1; j < i; j++)
                    {
                        values[j] = between(values[previous], values[i], times[j] - t0, den);
                        BitUtil.Set(validity, j);
                        filled++;
                    }
                }

                previous = i;
            }
        }

        return new PrimitiveColumn<T>(column.Type, values, column.Length, validity, column.NullCount - filled);
    }
}
