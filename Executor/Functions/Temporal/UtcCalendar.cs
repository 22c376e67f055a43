using IOx.Pg.Executor.Values;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// Calendar arithmetic on nanoseconds since the Unix epoch in UTC (proleptic Gregorian, as
/// PostgreSQL). Every timestamp IOx.Pg can hold (int64 ns: years 1677–2262) is a positive year,
/// so PostgreSQL's BC rules never apply. Conversions go through DateTime, a struct: no allocation.
/// </summary>
public static class UtcCalendar
{
    /// <summary>DateTime ticks (100 ns) of 1970-01-01.</summary>
    private static readonly long s_epochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>Floor division (the quotient rounded toward negative infinity).</summary>
    public static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }

    /// <summary>The UTC date and time of a timestamp (sub-100 ns digits dropped; use <see cref="NanosOfDay"/> for them).</summary>
    public static DateTime ToDateTime(long ns) => new(s_epochTicks + FloorDiv(ns, 100), DateTimeKind.Utc);

    /// <summary>Midnight of a UTC date as nanoseconds since the epoch.</summary>
    public static long FromDate(int year, int month, int day) => (new DateTime(year, month, day).Ticks - s_epochTicks) * 100;

    /// <summary>Days since 1970-01-01 of a timestamp (floored).</summary>
    public static long DayNumber(long ns) => FloorDiv(ns, ValueText.NsPerDay);

    /// <summary>Nanoseconds since midnight (always non-negative).</summary>
    public static long NanosOfDay(long ns) => ns - (DayNumber(ns) * ValueText.NsPerDay);
}
