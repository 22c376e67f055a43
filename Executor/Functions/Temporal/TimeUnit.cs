namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>A date/time unit or field named in date_trunc, date_part and EXTRACT.</summary>
public enum TimeUnit
{
    Microseconds,
    Milliseconds,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
    DayOfWeek,
    IsoDayOfWeek,
    DayOfYear,
    IsoYear,
    Epoch,
    Julian,
    Timezone,
    TimezoneHour,
    TimezoneMinute,
}
