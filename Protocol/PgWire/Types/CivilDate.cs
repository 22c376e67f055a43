namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>
/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), valid for any
/// long, using Howard Hinnant's civil_from_days; year 0 is 1 BC, as PostgreSQL counts internally.
/// </summary>
public static class CivilDate
{
    /// <summary>The calendar date of day <paramref name="days"/> since 1970-01-01.</summary>
    public static void FromDays(long days, out long year, out int month, out int day)
    {
        long z = days + 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - (era * 146097);
        long yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        long doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        long mp = ((5 * doy) + 2) / 153;
        day = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = (yoe + (era * 400)) + (month <= 2 ? 1 : 0);
    }

    /// <summary>Day number since 1970-01-01 of a calendar date.</summary>
    public static long ToDays(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        long era = (year >= 0 ? year : year - 399) / 400;
        long yoe = year - (era * 400);
        long doy = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        long doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }
}
