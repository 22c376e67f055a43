using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// to_timestamp(double precision) → timestamptz (PostgreSQL): seconds since the Unix epoch,
/// rounded to microseconds (rint, half to even). NaN is 22008 "timestamp cannot be NaN"; ±Infinity
/// (PostgreSQL's infinite timestamps, which IOx.Pg cannot hold) is 0A000; a value outside the
/// int64-nanosecond range (years 1677–2262, narrower than PostgreSQL's) is 22008
/// "timestamp out of range". NULL in, NULL out.
/// </summary>
public sealed class ToTimestampFunction : ScalarFunction
{
    /// <summary>Largest magnitude of microseconds that still fits int64 nanoseconds.</summary>
    private const double MaxMicros = long.MaxValue / (double)ValueText.NsPerUs;

    /// <inheritdoc/>
    public override string Name => "to_timestamp";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Timestamp;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var source = (PrimitiveColumn<double>)args[0];
        ReadOnlySpan<double> seconds = source.Values;
        ReadOnlySpan<byte> valid = source.Validity;
        bool hasNulls = source.NullCount > 0;
        var result = new long[length];
        for (int i = 0; i < length; i++)
        {
            if (hasNulls && !BitUtil.Get(valid, i))
            {
                continue;
            }

            double s = seconds[i];
            if (double.IsNaN(s))
            {
                throw new SqlException(SqlState.DatetimeFieldOverflow, "timestamp cannot be NaN");
            }

            if (double.IsInfinity(s))
            {
                throw SqlException.NotSupported("infinite timestamps");
            }

            double us = Math.Round(s * 1_000_000.0, MidpointRounding.ToEven);
            if (us >= MaxMicros || us <= -MaxMicros)
            {
                throw new SqlException(SqlState.DatetimeFieldOverflow, $"timestamp out of range: \"{ValueText.FormatDouble(s)}\"");
            }

            result[i] = (long)us * ValueText.NsPerUs;
        }

        return new PrimitiveColumn<long>(DataType.Timestamp, result, length, source.ValidityBuffer, source.NullCount);
    }
}
