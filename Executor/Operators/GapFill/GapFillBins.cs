using IOx.Pg.Executor.Functions.Temporal;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Time;

namespace IOx.Pg.Executor.Operators.GapFill;

/// <summary>
/// The bins a gap-filling query must have: date_bin_gapfill's are <see cref="Stride"/> apart from
/// the bin holding the lower time bound to the one holding the upper bound; with a
/// <see cref="WallclockZone"/> (date_bin_wallclock_gapfill) they are that zone's wall-clock bins
/// (origin <see cref="Origin"/> on the wall clock) turned into instants as date_bin_wallclock does,
/// a repeated wall-clock bin giving both instants when the stride is not longer than the repeat.
/// </summary>
public sealed class GapFillBins
{
    /// <summary>Creates the bin sequence over the admitted time range [<paramref name="lower"/>, <paramref name="upper"/>] (empty when lower &gt; upper).</summary>
    public GapFillBins(long stride, long origin, long lower, long upper, PgTimeZone? wallclockZone)
    {
        if (stride <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), "the stride must be positive");
        }

        Stride = stride;
        Origin = origin;
        Lower = lower;
        Upper = upper;
        WallclockZone = wallclockZone;
    }

    /// <summary>The bin width in nanoseconds.</summary>
    public long Stride { get; }

    /// <summary>The origin (an instant, or a wall-clock time with a zone), nanoseconds.</summary>
    public long Origin { get; }

    /// <summary>The smallest admitted time.</summary>
    public long Lower { get; }

    /// <summary>The largest admitted time.</summary>
    public long Upper { get; }

    /// <summary>The wall clock's zone, or null for plain date_bin bins.</summary>
    public PgTimeZone? WallclockZone { get; }

    /// <summary>The bin starts in ascending order, distinct; 54000 when there would be more than <paramref name="max"/>.</summary>
    public long[] Generate(int max)
    {
        if (Lower > Upper)
        {
            return [];
        }

        if (WallclockZone is null)
        {
            long first = DateBinFunction.Bin(Lower, Stride, Origin);
            long last = DateBinFunction.Bin(Upper, Stride, Origin);
            ulong count = ((ulong)(last - first) / (ulong)Stride) + 1;
            if (count > (ulong)max)
            {
                throw TooMany(max);
            }

            var bins = new long[count];
            for (int i = 0; i < bins.Length; i++)
            {
                bins[i] = first + (i * Stride);
            }

            return bins;
        }

        var clock = new ZoneClock(WallclockZone);
        long firstLocal = DateBinFunction.Bin(clock.ToLocal(Lower), Stride, Origin);
        long lastLocal = DateBinFunction.Bin(clock.ToLocal(Upper), Stride, Origin);
        ulong localCount = ((ulong)(lastLocal - firstLocal) / (ulong)Stride) + 1;
        if (localCount > (ulong)max / 2)
        {
            throw TooMany(max);
        }

        var result = new List<long>((int)localCount);
        for (long local = firstLocal, k = 0; (ulong)k < localCount; k++, local += Stride)
        {
            long before = clock.OffsetAt(local - 86_400_000_000_000L);
            long after = clock.OffsetAt(local + 86_400_000_000_000L);

            // With the offsets from before and after a change as row offsets, ToInstant yields each
            // instant a row of this wall-clock bin can have been binned to (one, or two in a repeat).
            result.Add(DateBinWallclockFunction.ToInstant(ref clock, local, Stride, before));
            if (before != after)
            {
                result.Add(DateBinWallclockFunction.ToInstant(ref clock, local, Stride, after));
            }
        }

        result.Sort();
        int distinct = 0;
        for (int i = 0; i < result.Count; i++)
        {
            if (distinct == 0 || result[i] != result[distinct - 1])
            {
                result[distinct++] = result[i];
            }
        }

        return result.GetRange(0, distinct).ToArray();
    }

    /// <summary>The output-limit error.</summary>
    private static SqlException TooMany(int max) =>
        new(SqlState.ProgramLimitExceeded, $"gap filling would produce more than {max} rows; use a wider stride or a narrower time range");
}
