using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Time;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// age(a, b) → interval: the "symbolic" difference of PostgreSQL's timestamp_age / timestamptz_age.
/// Both values are broken into wall-clock fields (a timestamptz in the session TimeZone; null zone:
/// UTC), subtracted field by field, with negative fields borrowed from the next larger one, a day
/// borrow taking the length of the month of the earlier operand as PostgreSQL does; the result has
/// years and months, days, and a time part (never days from months, unlike a - b).
/// </summary>
public sealed class AgeFunction(PgTimeZone? zone) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "age";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Interval;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var first = (PrimitiveColumn<long>)args[0];
        var second = (PrimitiveColumn<long>)args[1];
        var result = new Interval[length];
        var validity = new byte[BitUtil.BytesFor(length)];
        int nullCount = 0;
        ZoneClock clock = zone is null ? default : new ZoneClock(zone);
        for (int i = 0; i < length; i++)
        {
            if (!first.IsValid(i) || !second.IsValid(i))
            {
                nullCount++;
                continue;
            }

            BitUtil.Set(validity, i);
            long a = first.Values[i];
            long b = second.Values[i];
            result[i] = zone is null ? Age(a, b, a < b) : Age(clock.ToLocal(a), clock.ToLocal(b), a < b);
        }

        return new PrimitiveColumn<Interval>(DataType.Interval, result, length, nullCount == 0 ? null : validity, nullCount);
    }

    /// <summary>The symbolic difference of wall-clock times <paramref name="a"/> − <paramref name="b"/> (ns since the epoch).</summary>
    public static Interval Age(long a, long b, bool flip)
    {
        DateTime da = DateTime.UnixEpoch.AddDays(UtcCalendar.DayNumber(a));
        DateTime db = DateTime.UnixEpoch.AddDays(UtcCalendar.DayNumber(b));
        long fa = UtcCalendar.NanosOfDay(a);
        long fb = UtcCalendar.NanosOfDay(b);
        long nanos = (fa % ValueText.NsPerSecond) - (fb % ValueText.NsPerSecond);
        long seconds = (fa / ValueText.NsPerSecond % 60) - (fb / ValueText.NsPerSecond % 60);
        long minutes = (fa / ValueText.NsPerMinute % 60) - (fb / ValueText.NsPerMinute % 60);
        long hours = (fa / ValueText.NsPerHour) - (fb / ValueText.NsPerHour);
        int days = da.Day - db.Day;
        int months = da.Month - db.Month;
        int years = da.Year - db.Year;
        if (flip)
        {
            nanos = -nanos;
            seconds = -seconds;
            minutes = -minutes;
            hours = -hours;
            days = -days;
            months = -months;
            years = -years;
        }

        while (nanos < 0)
        {
            nanos += ValueText.NsPerSecond;
            seconds--;
        }

        while (seconds < 0)
        {
            seconds += 60;
            minutes--;
        }

        while (minutes < 0)
        {
            minutes += 60;
            hours--;
        }

        while (hours < 0)
        {
            hours += 24;
            days--;
        }

        while (days < 0)
        {
            DateTime borrow = flip ? da : db;
            days += DateTime.DaysInMonth(borrow.Year, borrow.Month);
            months--;
        }

        while (months < 0)
        {
            months += 12;
            years--;
        }

        long time = (hours * ValueText.NsPerHour) + (minutes * ValueText.NsPerMinute) + (seconds * ValueText.NsPerSecond) + nanos;
        int totalMonths = (years * 12) + months;
        return flip ? new Interval(-totalMonths, -days, -time) : new Interval(totalMonths, days, time);
    }
}
