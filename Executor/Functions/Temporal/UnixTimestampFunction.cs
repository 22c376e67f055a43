using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// InfluxDB 3 (DataFusion) to_timestamp_seconds / to_timestamp_millis / to_timestamp_micros /
/// to_timestamp_nanos(bigint) and from_unixtime(bigint, seconds): an integer count of units since
/// the Unix epoch as a UTC timestamp. DataFusion's result is a zone-less Timestamp interpreted as
/// UTC; IOx.Pg answers timestamptz, the type of every table's time column, so the results compare
/// with `time` directly. A count whose nanoseconds overflow int64 is 22008. NULL in, NULL out.
/// </summary>
public sealed class UnixTimestampFunction : ScalarFunction
{
    /// <summary>The SQL name.</summary>
    private readonly string _name;

    /// <summary>Nanoseconds per unit of the argument.</summary>
    private readonly long _nanosPerUnit;

    /// <summary>Creates the function; <paramref name="nanosPerUnit"/> is 1e9, 1e6, 1e3 or 1.</summary>
    public UnixTimestampFunction(string name, long nanosPerUnit)
    {
        _name = name;
        _nanosPerUnit = nanosPerUnit;
    }

    /// <inheritdoc/>
    public override string Name => _name;

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Timestamp;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var source = (PrimitiveColumn<long>)args[0];
        ReadOnlySpan<long> counts = source.Values;
        ReadOnlySpan<byte> valid = source.Validity;
        bool hasNulls = source.NullCount > 0;
        var result = new long[length];
        long limit = long.MaxValue / _nanosPerUnit;
        for (int i = 0; i < length; i++)
        {
            long c = counts[i];
            if (c > limit || c < -limit)
            {
                if (hasNulls && !BitUtil.Get(valid, i))
                {
                    continue;
                }

                throw new SqlException(SqlState.DatetimeFieldOverflow, "timestamp out of range");
            }

            result[i] = c * _nanosPerUnit;
        }

        return new PrimitiveColumn<long>(DataType.Timestamp, result, length, source.ValidityBuffer, source.NullCount);
    }
}
