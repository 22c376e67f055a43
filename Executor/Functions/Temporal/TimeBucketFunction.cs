using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// Timescale's time_bucket(bucket_width interval, ts timestamptz|timestamp [, origin | offset]):
/// the start of the floored bucket containing ts, in UTC. Buckets without months align to
/// origin, by default Monday 2000-01-03 00:00:00 (Timescale's documented default, so week
/// buckets start on Mondays; date_bin's default is 2000-01-01). Month buckets (a width of whole
/// months only; mixing months with days or time is 22023) count months from January 2000, the
/// documented default for them; a month width with an explicit origin is 0A000. With an offset
/// interval (no months), the buckets are shifted by it: bucket(ts - offset) + offset. A width
/// that is not positive is 22023. NULL in, NULL out.
/// </summary>
public sealed class TimeBucketFunction : ScalarFunction
{
    /// <summary>2000-01-03T00:00:00Z (a Monday) in nanoseconds since the Unix epoch.</summary>
    public const long DefaultOrigin = 946_857_600_000_000_000L;

    /// <summary>The result (and source) type: Timestamp or TimestampNoTz.</summary>
    private readonly DataType _type;

    /// <summary>Whether a third argument is an offset interval rather than an origin timestamp.</summary>
    private readonly bool _offset;

    /// <summary>Creates the function for the source type; <paramref name="offset"/> when the third argument is an interval.</summary>
    public TimeBucketFunction(DataType type, bool offset)
    {
        _type = type;
        _offset = offset;
    }

    /// <inheritdoc/>
    public override string Name => "time_bucket";

    /// <inheritdoc/>
    public override DataType ReturnType => _type;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var widths = (PrimitiveColumn<Interval>)args[0];
        var source = (PrimitiveColumn<long>)args[1];
        Column? third = args.Length > 2 ? args[2] : null;
        ReadOnlySpan<Interval> w = widths.Values;
        ReadOnlySpan<long> times = source.Values;
        ReadOnlySpan<long> origins = third is PrimitiveColumn<long> o ? o.Values : default;
        ReadOnlySpan<Interval> offsets = third is PrimitiveColumn<Interval> f ? f.Values : default;
        byte[]? validity = NullIfAnyNull(args, length, out int nullCount);
        var result = new long[length];
        for (int i = 0; i < length; i++)
        {
            if (validity is not null && !BitUtil.Get(validity, i))
            {
                continue;
            }

            long t = times[i];
            long shift = 0;
            long origin = DefaultOrigin;
            if (_offset)
            {
                shift = OffsetNanoseconds(offsets[i]);
            }
            else if (third is not null)
            {
                origin = origins[i];
            }

            result[i] = Bucket(w[i], t - shift, origin, third is not null && !_offset) + shift;
        }

        return new PrimitiveColumn<long>(_type, result, length, validity, nullCount);
    }

    /// <summary>The floored bucket start of one timestamp.</summary>
    private static long Bucket(Interval width, long t, long origin, bool explicitOrigin)
    {
        if (width.Months != 0)
        {
            if (width.Days != 0 || width.Nanoseconds != 0)
            {
                throw new SqlException(SqlState.InvalidParameterValue, "month intervals cannot have day or time component");
            }

            if (width.Months < 0)
            {
                throw new SqlException(SqlState.InvalidParameterValue, "period must be greater than 0");
            }

            if (explicitOrigin)
            {
                throw SqlException.NotSupported("time_bucket with a month width and an origin");
            }

            DateTime d = UtcCalendar.ToDateTime(t);
            long months = ((d.Year - 2000) * 12L) + d.Month - 1;
            long start = UtcCalendar.FloorDiv(months, width.Months) * width.Months;
            return UtcCalendar.FromDate(2000 + (int)UtcCalendar.FloorDiv(start, 12), (int)(start - (UtcCalendar.FloorDiv(start, 12) * 12)) + 1, 1);
        }

        long stride = (width.Days * ValueText.NsPerDay) + width.Nanoseconds;
        if (stride <= 0)
        {
            throw new SqlException(SqlState.InvalidParameterValue, "period must be greater than 0");
        }

        long rem = (t - origin) % stride;
        if (rem < 0)
        {
            rem += stride;
        }

        return t - rem;
    }

    /// <summary>An offset in nanoseconds; months in an offset are not built.</summary>
    private static long OffsetNanoseconds(Interval offset) => offset.Months != 0
        ? throw SqlException.NotSupported("time_bucket with a month offset")
        : (offset.Days * ValueText.NsPerDay) + offset.Nanoseconds;

    /// <summary>NULL where any argument is NULL.</summary>
    private static byte[]? NullIfAnyNull(Column[] args, int length, out int nullCount)
    {
        byte[]? validity = null;
        foreach (Column c in args)
        {
            if (c.NullCount == 0)
            {
                continue;
            }

            validity ??= Kernels.Bitmaps.AllSet(length);
            ReadOnlySpan<byte> v = c.Validity;
            for (int b = 0; b < validity.Length; b++)
            {
                validity[b] &= v[b];
            }
        }

        nullCount = validity is null ? 0 : length - BitUtil.CountSet(validity, length);
        return validity;
    }
}
