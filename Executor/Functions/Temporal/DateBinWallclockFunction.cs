using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Time;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// InfluxDB 3's date_bin_wallclock(stride interval, source timestamptz[, origin timestamp]) →
/// timestamptz: the source is binned on the wall clock of the session TimeZone (origin a wall-clock
/// time, default 1970-01-01 00:00), and the bin's wall-clock start is turned back into an instant
/// by InfluxDB 3's rules: a start the zone skips (spring forward) keeps the offset from before
/// the change, i.e. the same distance from the local start of day; a start the zone repeats (fall
/// back) is the earlier instant when the stride is longer than the repeat, otherwise the one with
/// the source row's own offset. Strides with months are 0A000, strides that are not positive
/// 22023 (as date_bin). NULL in, NULL out.
/// </summary>
public sealed class DateBinWallclockFunction : ScalarFunction
{
    /// <summary>The wall clock's zone.</summary>
    private readonly PgTimeZone _zone;

    /// <summary>Creates the function for the session zone (UTC when null).</summary>
    public DateBinWallclockFunction(PgTimeZone? zone)
        : this("date_bin_wallclock", zone)
    {
    }

    /// <summary>Creates the function under another name (date_bin_wallclock_gapfill) for the session zone (UTC when null).</summary>
    public DateBinWallclockFunction(string name, PgTimeZone? zone)
    {
        Name = name;
        _zone = zone ?? PgTimeZone.Utc;
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <summary>The wall clock's zone.</summary>
    public PgTimeZone Zone => _zone;

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Timestamp;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var stride = (PrimitiveColumn<Interval>)args[0];
        var source = (PrimitiveColumn<long>)args[1];
        PrimitiveColumn<long>? origin = args.Length > 2 ? (PrimitiveColumn<long>)args[2] : null;
        byte[]? validity = Bitmaps.And(stride, source, length, out int nullCount);
        if (origin is not null && origin.NullCount > 0)
        {
            // Bitmaps.And may hand back an input's own bitmap: clear bits in a copy.
            if (validity is null)
            {
                validity = new byte[BitUtil.BytesFor(length)];
                validity.AsSpan().Fill(0xFF);
            }
            else
            {
                validity = (byte[])validity.Clone();
            }

            for (int i = 0; i < length; i++)
            {
                if (origin.IsNull(i) && BitUtil.Get(validity, i))
                {
                    BitUtil.Clear(validity, i);
                    nullCount++;
                }
            }
        }

        ReadOnlySpan<Interval> strides = stride.Values;
        ReadOnlySpan<long> times = source.Values;
        ReadOnlySpan<long> origins = origin is null ? default : origin.Values;
        var result = new long[length];
        var clock = new ZoneClock(_zone);
        for (int i = 0; i < length; i++)
        {
            if (validity is not null && !BitUtil.Get(validity, i))
            {
                continue;
            }

            long strideNs = DateBinFunction.StrideNanoseconds(strides[i]);
            long offset = clock.OffsetAt(times[i]);
            long binLocal = DateBinFunction.Bin(times[i] + offset, strideNs, origin is null ? 0 : origins[i]);
            result[i] = ToInstant(ref clock, binLocal, strideNs, offset);
        }

        return new PrimitiveColumn<long>(DataType.Timestamp, result, length, validity, nullCount);
    }

    /// <summary>
    /// The instant of a bin's wall-clock start <paramref name="local"/>, by the rules above;
    /// <paramref name="sourceOffset"/> is the offset of a row in the bin (it decides a repeated time
    /// when the stride is not longer than the repeat). Returns the earlier candidate when both apply.
    /// </summary>
    public static long ToInstant(ref ZoneClock clock, long local, long strideNs, long sourceOffset)
    {
        const long day = 86_400_000_000_000L;
        long before = clock.OffsetAt(local - day);
        long after = clock.OffsetAt(local + day);
        long beforeTime = local - before;
        if (before == after)
        {
            return beforeTime;
        }

        long afterTime = local - after;
        bool beforeValid = clock.OffsetAt(beforeTime) == before;
        bool afterValid = clock.OffsetAt(afterTime) == after;
        if (beforeValid && afterValid)
        {
            // Repeated wall-clock time.
            long earlier = Math.Min(beforeTime, afterTime);
            if (strideNs > Math.Abs(beforeTime - afterTime))
            {
                return earlier;
            }

            return sourceOffset == before ? beforeTime : afterTime;
        }

        if (afterValid)
        {
            return afterTime;
        }

        // Valid with the old offset, or skipped: the old offset keeps the distance from the start of the day.
        return beforeTime;
    }
}
