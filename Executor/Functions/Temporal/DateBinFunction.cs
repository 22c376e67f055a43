using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// date_bin(stride interval, source timestamptz, origin timestamptz) → timestamptz: the start of
/// the stride-wide bin, aligned to origin, that contains source (PostgreSQL 14+). Bins are floored,
/// so a source before the origin falls into the bin below it. A stride with months or years is
/// 0A000 and a stride that is not positive is 22023, with PostgreSQL's messages. Called with two
/// arguments, the origin is 2000-01-01 00:00:00+00 (PostgreSQL's epoch). NULL in, NULL out.
/// </summary>
public sealed class DateBinFunction : ScalarFunction
{
    /// <summary>2000-01-01T00:00:00Z in nanoseconds since the Unix epoch.</summary>
    public const long DefaultOrigin = 946_684_800_000_000_000L;

    /// <inheritdoc/>
    public override string Name => "date_bin";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Timestamp;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var stride = (PrimitiveColumn<Interval>)args[0];
        var source = (PrimitiveColumn<long>)args[1];
        PrimitiveColumn<long>? origin = args.Length > 2 ? (PrimitiveColumn<long>)args[2] : null;
        byte[]? validity = Bitmaps.And(stride, source, length, out int nullCount);
        if (origin is not null)
        {
            var partial = new PrimitiveColumn<long>(DataType.Timestamp, new long[length], length, validity, nullCount);
            validity = Bitmaps.And(partial, origin, length, out nullCount);
        }

        var result = new long[length];
        ReadOnlySpan<Interval> strides = stride.Values;
        ReadOnlySpan<long> times = source.Values;
        ReadOnlySpan<long> origins = origin is null ? default : origin.Values;
        long lastStrideNs = 0;
        Interval lastStride = default;
        bool haveStride = false;
        for (int i = 0; i < length; i++)
        {
            if (validity is not null && !BitUtil.Get(validity, i))
            {
                continue;
            }

            // The stride is almost always a constant: validate and convert it once.
            if (!haveStride || strides[i] != lastStride)
            {
                lastStride = strides[i];
                lastStrideNs = StrideNanoseconds(lastStride);
                haveStride = true;
            }

            long o = origin is null ? DefaultOrigin : origins[i];
            long diff = times[i] - o;
            long rem = diff % lastStrideNs;
            if (rem < 0)
            {
                rem += lastStrideNs;
            }

            result[i] = times[i] - rem;
        }

        return new PrimitiveColumn<long>(DataType.Timestamp, result, length, validity, nullCount);
    }

    /// <summary>The stride in nanoseconds, validated as PostgreSQL does.</summary>
    private static long StrideNanoseconds(Interval stride)
    {
        if (stride.Months != 0)
        {
            throw new SqlException(SqlState.FeatureNotSupported, "timestamps cannot be binned into intervals containing months or years");
        }

        long ns = (stride.Days * ValueText.NsPerDay) + stride.Nanoseconds;
        if (ns <= 0)
        {
            throw new SqlException(SqlState.InvalidParameterValue, "stride must be greater than zero");
        }

        return ns;
    }
}
