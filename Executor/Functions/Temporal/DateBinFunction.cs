using System.Runtime.InteropServices;
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
/// InfluxDB 3's date_bin_gapfill bins the same way with the Unix epoch as default origin; it is
/// this function under that name (the binder and the gap-fill operator do the filling).
/// </summary>
public sealed class DateBinFunction : ScalarFunction
{
    /// <summary>2000-01-01T00:00:00Z in nanoseconds since the Unix epoch.</summary>
    public const long DefaultOrigin = 946_684_800_000_000_000L;

    /// <summary>The origin used when the call has none.</summary>
    private readonly long _defaultOrigin;

    /// <summary>Creates PostgreSQL's date_bin (default origin 2000-01-01).</summary>
    public DateBinFunction()
        : this("date_bin", DefaultOrigin)
    {
    }

    /// <summary>Creates the function under another name with another default origin (date_bin_gapfill: the Unix epoch).</summary>
    public DateBinFunction(string name, long defaultOrigin)
    {
        Name = name;
        _defaultOrigin = defaultOrigin;
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <summary>The origin used when the call has none, nanoseconds since the Unix epoch.</summary>
    public long DefaultOriginNanoseconds => _defaultOrigin;

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Timestamp;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var stride = (PrimitiveColumn<Interval>)args[0];
        var source = (PrimitiveColumn<long>)args[1];
        PrimitiveColumn<long>? origin = args.Length > 2 ? (PrimitiveColumn<long>)args[2] : null;
        byte[]? validity = Validity(stride, source, origin, length, out int nullCount);
        var result = new long[length];
        ReadOnlySpan<Interval> strides = stride.Values;
        ReadOnlySpan<long> times = source.Values;
        ReadOnlySpan<long> origins = origin is null ? default : origin.Values;
        if (length == 0)
        {
            return new PrimitiveColumn<long>(DataType.Timestamp, result, 0);
        }

        bool constantStride = AllEqual(MemoryMarshal.AsBytes(strides), Marshal.SizeOf<Interval>());
        bool constantOrigin = origin is null || AllEqual(MemoryMarshal.AsBytes(origins), sizeof(long));
        if (constantStride && constantOrigin && stride.NullCount == 0 && (origin is null || origin.NullCount == 0))
        {
            BinConstant(times, StrideNanoseconds(strides[0]), origin is null ? _defaultOrigin : origins[0], result);
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                if (validity is not null && !BitUtil.Get(validity, i))
                {
                    continue;
                }

                long o = origin is null ? _defaultOrigin : origins[i];
                result[i] = Bin(times[i], StrideNanoseconds(strides[i]), o);
            }
        }

        return new PrimitiveColumn<long>(DataType.Timestamp, result, length, validity, nullCount);
    }

    /// <summary>
    /// The common case, stride and origin constant. Time-ordered rows mostly fall into the bin of
    /// the row before, which costs two comparisons instead of a 64-bit division. Null rows are
    /// computed too (their value slots are ignored).
    /// </summary>
    private static void BinConstant(ReadOnlySpan<long> times, long strideNs, long origin, Span<long> result)
    {
        long binStart = long.MaxValue;
        for (int i = 0; i < times.Length; i++)
        {
            long t = times[i];
            if ((ulong)(t - binStart) >= (ulong)strideNs)
            {
                binStart = Bin(t, strideNs, origin);
            }

            result[i] = binStart;
        }
    }

    /// <summary>The floored bin start of one timestamp.</summary>
    public static long Bin(long t, long strideNs, long origin)
    {
        long rem = (t - origin) % strideNs;
        if (rem < 0)
        {
            rem += strideNs;
        }

        return t - rem;
    }

    /// <summary>Whether every element (of <paramref name="size"/> bytes) equals the first: the span equals itself shifted by one element.</summary>
    private static bool AllEqual(ReadOnlySpan<byte> bytes, int size) => bytes.Length <= size || bytes[..^size].SequenceEqual(bytes[size..]);

    /// <summary>NULL where any argument is NULL.</summary>
    private static byte[]? Validity(Column stride, Column source, Column? origin, int length, out int nullCount)
    {
        byte[]? validity = Bitmaps.And(stride, source, length, out nullCount);
        if (origin is null || origin.NullCount == 0)
        {
            return validity;
        }

        var combined = new byte[BitUtil.BytesFor(length)];
        ReadOnlySpan<byte> o = origin.Validity;
        for (int i = 0; i < combined.Length; i++)
        {
            combined[i] = validity is null ? o[i] : (byte)(validity[i] & o[i]);
        }

        nullCount = length - BitUtil.CountSet(combined, length);
        return combined;
    }

    /// <summary>The stride in nanoseconds, validated as PostgreSQL does.</summary>
    public static long StrideNanoseconds(Interval stride)
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
