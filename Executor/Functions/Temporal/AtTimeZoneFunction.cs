using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Time;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// <c>x AT TIME ZONE zone</c> = <c>timezone(zone, x)</c> (PostgreSQL): a timestamptz becomes the
/// timestamp (without time zone) its wall clock shows in the zone; a timestamp is read as a wall
/// clock in the zone and becomes that instant (timestamptz), with PostgreSQL's rule for times a
/// daylight-saving change skips or repeats (<see cref="ZoneClock.ToUtc"/>). The zone is a
/// constant resolved at bind time (<see cref="PgTimeZone.TryResolveQueryZone"/>); args are
/// (zone, x) and only x is read. NULL in, NULL out.
/// </summary>
public sealed class AtTimeZoneFunction : ScalarFunction
{
    /// <summary>The zone.</summary>
    private readonly PgTimeZone _zone;

    /// <summary>True: timestamptz → wall clock; false: wall clock → timestamptz.</summary>
    private readonly bool _toLocal;

    /// <summary>Creates the conversion; <paramref name="toLocal"/> for a timestamptz source.</summary>
    public AtTimeZoneFunction(PgTimeZone zone, bool toLocal)
    {
        _zone = zone;
        _toLocal = toLocal;
    }

    /// <inheritdoc/>
    public override string Name => "timezone";

    /// <inheritdoc/>
    public override DataType ReturnType => _toLocal ? DataType.TimestampNoTz : DataType.Timestamp;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var source = (PrimitiveColumn<long>)args[1];
        ReadOnlySpan<long> values = source.Values;
        var result = new long[length];
        var clock = new ZoneClock(_zone);
        if (_toLocal)
        {
            for (int i = 0; i < length; i++)
            {
                result[i] = clock.ToLocal(values[i]);
            }
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                result[i] = clock.ToUtc(values[i]);
            }
        }

        return new PrimitiveColumn<long>(ReturnType, result, length, source.ValidityBuffer, source.NullCount);
    }
}
