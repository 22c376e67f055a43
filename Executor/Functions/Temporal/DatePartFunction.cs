using System.Globalization;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Time;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// EXTRACT(field FROM x) → numeric and date_part(field, x) → double precision (PostgreSQL 14+)
/// for timestamptz, timestamp, date (EXTRACT only: date_part takes a date as timestamp, as
/// PostgreSQL's implicit cast does) and interval. Numeric results carry PostgreSQL's scale:
/// second and epoch 6 digits, milliseconds 3, everything else 0 (date epoch 0); double results
/// use PostgreSQL's formulas (second = sec + fsec / 1e6, ms = sec * 1000.0 + fsec / 1000.0,
/// epoch = µs / 1e6) so they round the same. A timestamptz is read on its wall clock in the
/// session TimeZone (epoch excepted; timezone, timezone_hour and timezone_minute give the zone's
/// offset at that instant, east positive), a timestamp as it is; truncated to PostgreSQL's microseconds.
/// The field is a constant resolved and validated at bind time (<see cref="Supports"/>).
/// </summary>
public sealed class DatePartFunction : ScalarFunction
{
    /// <summary>The field extracted.</summary>
    private readonly TimeUnit _field;

    /// <summary>The source type: Timestamp, TimestampNoTz, Date or Interval.</summary>
    private readonly DataType _source;

    /// <summary>True for EXTRACT (numeric), false for date_part (double precision).</summary>
    private readonly bool _numeric;

    /// <summary>
    /// Creates the function for a field the source type supports. EXTRACT(julian) from a timestamp
    /// (a numeric with PostgreSQL's division scale) is not built: the binder answers 0A000.
    /// </summary>
    public DatePartFunction(TimeUnit field, DataType source, bool numeric)
        : this(field, source, numeric, null)
    {
    }

    /// <summary>Creates the function; a timestamptz is read in <paramref name="zone"/> (null: UTC).</summary>
    public DatePartFunction(TimeUnit field, DataType source, bool numeric, PgTimeZone? zone)
    {
        _field = field;
        _source = source;
        _numeric = numeric;
        _zone = source == DataType.Timestamp ? zone : null;
    }

    /// <summary>The session zone a timestamptz is read in; null for UTC.</summary>
    private readonly PgTimeZone? _zone;

    /// <inheritdoc/>
    public override string Name => _numeric ? "extract" : "date_part";

    /// <inheritdoc/>
    public override DataType ReturnType => _numeric ? DataType.Numeric : DataType.Float64;

    /// <summary>Whether the field exists for the source type (otherwise PostgreSQL's 0A000 "unit ... not supported for type ...").</summary>
    public static bool Supports(TimeUnit field, DataType source) => source switch
    {
        DataType.Timestamp => true,
        DataType.TimestampNoTz => field is not (TimeUnit.Timezone or TimeUnit.TimezoneHour or TimeUnit.TimezoneMinute),
        DataType.Date => field is not (TimeUnit.Microseconds or TimeUnit.Milliseconds or TimeUnit.Second or TimeUnit.Minute or TimeUnit.Hour
            or TimeUnit.Timezone or TimeUnit.TimezoneHour or TimeUnit.TimezoneMinute),
        DataType.Interval => (field <= TimeUnit.Millennium && field != TimeUnit.Week) || field == TimeUnit.Epoch,
        _ => false,
    };

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        Column source = args[1];
        if (_zone is not null && _field != TimeUnit.Epoch)
        {
            var utc = (PrimitiveColumn<long>)source;
            ReadOnlySpan<long> times = utc.Values;
            var local = new long[length];
            var clock = new ZoneClock(_zone);
            for (int i = 0; i < length; i++)
            {
                local[i] = clock.ToLocal(times[i]);
            }

            if (_field is TimeUnit.Timezone or TimeUnit.TimezoneHour or TimeUnit.TimezoneMinute)
            {
                return ZoneFields(utc, local, length);
            }

            source = new PrimitiveColumn<long>(DataType.Timestamp, local, length, utc.ValidityBuffer, utc.NullCount);
        }

        if (_numeric)
        {
            var result = new decimal[length];
            switch (source)
            {
                case PrimitiveColumn<Interval> c:
                {
                    ReadOnlySpan<Interval> v = c.Values;
                    for (int i = 0; i < length; i++)
                    {
                        result[i] = ToDecimal(IntervalScaled(v[i]));
                    }

                    break;
                }

                case PrimitiveColumn<int> c:
                {
                    ReadOnlySpan<int> v = c.Values;
                    for (int i = 0; i < length; i++)
                    {
                        result[i] = ToDecimal(DateScaled(v[i]));
                    }

                    break;
                }

                default:
                {
                    ReadOnlySpan<long> v = ((PrimitiveColumn<long>)source).Values;
                    for (int i = 0; i < length; i++)
                    {
                        result[i] = ToDecimal(TimestampScaled(v[i]));
                    }

                    break;
                }
            }

            return new PrimitiveColumn<decimal>(DataType.Numeric, result, length, source.ValidityBuffer, source.NullCount);
        }
        else
        {
            var result = new double[length];
            if (source is PrimitiveColumn<Interval> c)
            {
                ReadOnlySpan<Interval> v = c.Values;
                for (int i = 0; i < length; i++)
                {
                    result[i] = IntervalDouble(v[i]);
                }
            }
            else
            {
                // date_part takes a date as timestamp (the binder casts it), so only int64 ns arrive here.
                ReadOnlySpan<long> v = ((PrimitiveColumn<long>)source).Values;
                for (int i = 0; i < length; i++)
                {
                    result[i] = TimestampDouble(v[i]);
                }
            }

            return new PrimitiveColumn<double>(DataType.Float64, result, length, source.ValidityBuffer, source.NullCount);
        }
    }

    /// <summary>timezone (seconds), timezone_hour and timezone_minute of the zone's offset east of UTC, signs as PostgreSQL (C division).</summary>
    private Column ZoneFields(PrimitiveColumn<long> utc, long[] local, int length)
    {
        ReadOnlySpan<long> times = utc.Values;
        var decimals = _numeric ? new decimal[length] : null;
        var doubles = _numeric ? null : new double[length];
        for (int i = 0; i < length; i++)
        {
            long seconds = (local[i] - times[i]) / ValueText.NsPerSecond;
            long value = _field switch
            {
                TimeUnit.TimezoneHour => seconds / 3600,
                TimeUnit.TimezoneMinute => seconds / 60 % 60,
                _ => seconds,
            };
            if (decimals is not null)
            {
                decimals[i] = value;
            }
            else
            {
                doubles![i] = value;
            }
        }

        return decimals is not null
            ? new PrimitiveColumn<decimal>(DataType.Numeric, decimals, length, utc.ValidityBuffer, utc.NullCount)
            : new PrimitiveColumn<double>(DataType.Float64, doubles!, length, utc.ValidityBuffer, utc.NullCount);
    }

    /// <summary>A scaled integer as a decimal with that many fraction digits (the scale PostgreSQL's numeric shows).</summary>
    private static decimal ToDecimal((long Value, int Scale) scaled)
    {
        ulong abs = (ulong)Math.Abs(scaled.Value);
        return new decimal((int)(uint)abs, (int)(uint)(abs >> 32), 0, scaled.Value < 0, (byte)scaled.Scale);
    }

    /// <summary>EXTRACT's field of a date (days since 1970) as an integer, scale 0.</summary>
    private (long Value, int Scale) DateScaled(long days) => _field switch
    {
        TimeUnit.Epoch => (days * 86_400, 0),
        TimeUnit.Julian => (days + UnixEpochJulianDay, 0),
        _ => (CalendarField(days * ValueText.NsPerDay), 0),
    };

    /// <summary>EXTRACT's field of a timestamp as an integer and its decimal scale.</summary>
    private (long Value, int Scale) TimestampScaled(long ns)
    {
        long secondUs = UtcCalendar.FloorDiv(UtcCalendar.NanosOfDay(ns), ValueText.NsPerUs) % 60_000_000;
        return _field switch
        {
            TimeUnit.Microseconds => (secondUs, 0),
            TimeUnit.Milliseconds => (secondUs, 3),
            TimeUnit.Second => (secondUs, 6),
            TimeUnit.Epoch => (UtcCalendar.FloorDiv(ns, ValueText.NsPerUs), 6),
            _ => (CalendarField(ns), 0),
        };
    }

    /// <summary>date_part's field of an interval.</summary>
    private double IntervalDouble(Interval v)
    {
        long time = v.Nanoseconds / ValueText.NsPerUs;
        long sec = time / 1_000_000 % 60, fsec = time % 1_000_000;
        return _field switch
        {
            TimeUnit.Second => sec + (fsec / 1000000.0),
            TimeUnit.Milliseconds => (sec * 1000.0) + (fsec / 1000.0),
            TimeUnit.Epoch => (time / 1000000.0) + MonthDaySeconds(v),
            _ => IntervalScaled(v).Value,
        };
    }

    /// <summary>date_part's field of a timestamp.</summary>
    private double TimestampDouble(long ns)
    {
        long dayUs = UtcCalendar.FloorDiv(UtcCalendar.NanosOfDay(ns), ValueText.NsPerUs);
        long s = dayUs % 60_000_000 / 1_000_000, f = dayUs % 1_000_000;
        return _field switch
        {
            TimeUnit.Microseconds => (s * 1_000_000) + f,
            TimeUnit.Second => s + (f / 1000000.0),
            TimeUnit.Milliseconds => (s * 1000.0) + (f / 1000.0),
            TimeUnit.Epoch => UtcCalendar.FloorDiv(ns, ValueText.NsPerUs) / 1000000.0,
            TimeUnit.Julian => UtcCalendar.DayNumber(ns) + UnixEpochJulianDay + (((dayUs / 1_000_000) + (f / 1000000.0)) / 86400.0),
            _ => CalendarField(ns),
        };
    }

    /// <summary>The Julian day number of 1970-01-01.</summary>
    private const long UnixEpochJulianDay = 2_440_588;

    /// <summary>An integer field of a UTC timestamp (day, month, year, dow, week, ... ; timezone fields are 0 in UTC).</summary>
    private long CalendarField(long ns)
    {
        // Time-of-day fields and the weekday need no calendar: plain arithmetic on the day.
        switch (_field)
        {
            case TimeUnit.Hour:
                return UtcCalendar.NanosOfDay(ns) / ValueText.NsPerHour;
            case TimeUnit.Minute:
                return UtcCalendar.NanosOfDay(ns) / ValueText.NsPerMinute % 60;
            case TimeUnit.DayOfWeek:
                return UtcCalendar.FloorDiv(UtcCalendar.DayNumber(ns) + 4, 7) is var w ? UtcCalendar.DayNumber(ns) + 4 - (w * 7) : 0;
        }

        DateTime d = UtcCalendar.ToDateTime(ns);
        int year = d.Year;
        return _field switch
        {
            TimeUnit.Minute => d.Minute,
            TimeUnit.Hour => d.Hour,
            TimeUnit.Day => d.Day,
            TimeUnit.Month => d.Month,
            TimeUnit.Quarter => ((d.Month - 1) / 3) + 1,
            TimeUnit.Year => year,
            TimeUnit.Decade => year / 10,
            TimeUnit.Century => (year + 99) / 100,
            TimeUnit.Millennium => (year + 999) / 1000,
            TimeUnit.DayOfWeek => (int)d.DayOfWeek,
            TimeUnit.IsoDayOfWeek => d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek,
            TimeUnit.DayOfYear => d.DayOfYear,
            TimeUnit.Week => ISOWeek.GetWeekOfYear(d),
            TimeUnit.IsoYear => ISOWeek.GetYear(d),
            TimeUnit.Julian => UtcCalendar.DayNumber(ns) + UnixEpochJulianDay,
            _ => 0,
        };
    }

    /// <summary>
    /// PostgreSQL's interval2itm split: hours, minutes and seconds of the time part truncated
    /// toward zero; years and months from the month count (C's % keeps the sign).
    /// </summary>
    private (long Value, int Scale) IntervalScaled(Interval v)
    {
        long time = v.Nanoseconds / ValueText.NsPerUs;
        long secondUs = time % 60_000_000;
        long year = v.Months / 12;
        return _field switch
        {
            TimeUnit.Microseconds => (secondUs, 0),
            TimeUnit.Milliseconds => (secondUs, 3),
            TimeUnit.Second => (secondUs, 6),
            TimeUnit.Minute => (time / 60_000_000 % 60, 0),
            TimeUnit.Hour => (time / 3_600_000_000, 0),
            TimeUnit.Day => (v.Days, 0),
            TimeUnit.Month => (v.Months % 12, 0),
            TimeUnit.Quarter => ((v.Months % 12 / 3) + 1, 0),
            TimeUnit.Year => (year, 0),
            TimeUnit.Decade => (year / 10, 0),
            TimeUnit.Century => (year / 100, 0),
            TimeUnit.Millennium => (year / 1000, 0),
            _ => ((MonthDaySeconds(v) * 1_000_000) + time, 6),
        };
    }

    /// <summary>PostgreSQL's epoch seconds of the month and day parts: a year is 365.25 days, a month 30.</summary>
    private static long MonthDaySeconds(Interval v) =>
        (31_557_600L * (v.Months / 12)) + (30L * 86_400 * (v.Months % 12)) + (86_400L * v.Days);
}
