using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Time;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// InfluxDB 3's tz(time[, zone]) → timestamptz. InfluxDB attaches the zone to the value (an Arrow
/// timestamp carries one); a PostgreSQL timestamptz is an instant whose text follows the session
/// TimeZone, so the result is the same instant (a timestamp without time zone is taken as UTC, as
/// tz does) and the zone is kept on the function: date_bin_wallclock(_gapfill) over tz(time,
/// 'Zone') bins on that zone's wall clock, as it does in InfluxDB 3. NULL in, NULL out.
/// </summary>
public sealed class TzFunction(PgTimeZone zone) : ScalarFunction
{
    /// <summary>The zone named by the call (UTC by default).</summary>
    public PgTimeZone Zone { get; } = zone;

    /// <inheritdoc/>
    public override string Name => "tz";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Timestamp;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var source = (PrimitiveColumn<long>)args[0];
        return source.Type == DataType.Timestamp
            ? source
            : new PrimitiveColumn<long>(DataType.Timestamp, source.Values.ToArray(), length, source.ValidityBuffer, source.NullCount);
    }
}
