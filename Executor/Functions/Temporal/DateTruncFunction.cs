using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Time;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// date_trunc(unit, timestamptz|timestamp) → the same type: the timestamp truncated to the start
/// of its microsecond … millennium (PostgreSQL; weeks start on Monday, decades at years divisible
/// by 10, centuries and millennia at years ending in 01 and 001). A timestamptz is truncated on
/// its wall clock in a zone (the session TimeZone, or date_trunc's third argument) as PostgreSQL's
/// timestamptz_trunc_internal does: units below a day keep the instant's own offset; a day or more
/// takes the offset of the truncated wall-clock time (<see cref="ZoneClock.ToUtc"/>), so
/// date_trunc('day', ...) on a daylight-saving day is local midnight. Without a zone, UTC. The
/// unit is a constant resolved at bind time. NULL in, NULL out.
/// </summary>
public sealed class DateTruncFunction : ScalarFunction
{
    /// <summary>The unit truncated to.</summary>
    private readonly TimeUnit _unit;

    /// <summary>Timestamp or TimestampNoTz (both int64 ns).</summary>
    private readonly DataType _type;

    /// <summary>The zone whose wall clock a timestamptz is truncated on; null for UTC.</summary>
    private readonly PgTimeZone? _zone;

    /// <summary>Creates the function for a unit that <see cref="Supports"/>, in UTC.</summary>
    public DateTruncFunction(TimeUnit unit, DataType type)
        : this(unit, type, null)
    {
    }

    /// <summary>Creates the function for a unit that <see cref="Supports"/>; a timestamptz is truncated in <paramref name="zone"/> (null: UTC).</summary>
    public DateTruncFunction(TimeUnit unit, DataType type, PgTimeZone? zone)
    {
        _unit = unit;
        _type = type;
        _zone = type == DataType.Timestamp ? zone : null;
    }

    /// <inheritdoc/>
    public override string Name => "date_trunc";

    /// <inheritdoc/>
    public override DataType ReturnType => _type;

    /// <summary>Whether date_trunc accepts the unit (the others are 0A000 "unit ... not supported").</summary>
    public static bool Supports(TimeUnit unit) => unit <= TimeUnit.Millennium;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var source = (PrimitiveColumn<long>)args[1];
        ReadOnlySpan<long> times = source.Values;
        var result = new long[length];
        long[]? local = null;
        var clock = _zone is null ? default : new ZoneClock(_zone);
        if (_zone is not null)
        {
            local = new long[length];
            for (int i = 0; i < length; i++)
            {
                local[i] = clock.ToLocal(times[i]);
            }

            Truncate(local, result);
            if (_unit < TimeUnit.Day)
            {
                // Below a day PostgreSQL keeps the source instant's offset (no re-resolution).
                for (int i = 0; i < length; i++)
                {
                    result[i] -= local[i] - times[i];
                }
            }
            else
            {
                for (int i = 0; i < length; i++)
                {
                    result[i] = clock.ToUtc(result[i]);
                }
            }
        }
        else
        {
            Truncate(times, result);
        }

        return new PrimitiveColumn<long>(_type, result, length, source.ValidityBuffer, source.NullCount);
    }

    /// <summary>Truncates wall-clock (or UTC) times to the unit.</summary>
    private void Truncate(ReadOnlySpan<long> times, long[] result)
    {
        long fixedWidth = _unit switch
        {
            TimeUnit.Microseconds => ValueText.NsPerUs,
            TimeUnit.Milliseconds => ValueText.NsPerMs,
            TimeUnit.Second => ValueText.NsPerSecond,
            TimeUnit.Minute => ValueText.NsPerMinute,
            TimeUnit.Hour => ValueText.NsPerHour,
            TimeUnit.Day => ValueText.NsPerDay,
            _ => 0,
        };
        if (fixedWidth != 0)
        {
            for (int i = 0; i < times.Length; i++)
            {
                result[i] = UtcCalendar.FloorDiv(times[i], fixedWidth) * fixedWidth;
            }
        }
        else if (_unit == TimeUnit.Week)
        {
            // 1970-01-01 was a Thursday: day + 3 counts days from Monday 1969-12-29.
            for (int i = 0; i < times.Length; i++)
            {
                long monday = (UtcCalendar.FloorDiv(UtcCalendar.DayNumber(times[i]) + 3, 7) * 7) - 3;
                result[i] = monday * ValueText.NsPerDay;
            }
        }
        else
        {
            // Calendar units: rows in the same period as the row before (time-ordered data)
            // reuse its [start, end) without calendar arithmetic.
            long start = 0, end = long.MinValue;
            for (int i = 0; i < times.Length; i++)
            {
                long t = times[i];
                if (t < start || t >= end)
                {
                    (start, end) = Period(t);
                }

                result[i] = start;
            }
        }
    }

    /// <summary>The [start, end) of the calendar period (month or longer) containing <paramref name="t"/>; the end saturates at long.MaxValue.</summary>
    private (long Start, long End) Period(long t)
    {
        DateTime d = UtcCalendar.ToDateTime(t);
        int year = d.Year, month = d.Month, months;
        switch (_unit)
        {
            case TimeUnit.Month:
                months = 1;
                break;
            case TimeUnit.Quarter:
                month = (3 * ((month - 1) / 3)) + 1;
                months = 3;
                break;
            case TimeUnit.Year:
                month = 1;
                months = 12;
                break;
            case TimeUnit.Decade:
                year -= year % 10;
                month = 1;
                months = 120;
                break;
            case TimeUnit.Century:
                year = (((year + 99) / 100) * 100) - 99;
                month = 1;
                months = 1200;
                break;
            default:
                year = (((year + 999) / 1000) * 1000) - 999;
                month = 1;
                months = 12000;
                break;
        }

        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        long start = UtcCalendar.FromDate(year, month, 1);
        DateTime next = first.AddMonths(Math.Min(months, ((9999 - year) * 12) - month + 1));
        long endTicks = next.Ticks - DateTime.UnixEpoch.Ticks;
        long end = endTicks > long.MaxValue / 100 ? long.MaxValue : endTicks * 100;
        return (start, end);
    }
}
