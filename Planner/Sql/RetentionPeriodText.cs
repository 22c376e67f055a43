using System.Globalization;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>
/// A retention period as written in CREATE / ALTER DATABASE: InfluxDB's duration shorthand
/// ('30d', '1h30m', '2w') or a PostgreSQL interval ('30 days', '7 days 12 hours'). A period is a
/// fixed length of time, so an interval with months or years (whose length varies) is refused, as
/// is one that is not positive: both 22023.
/// </summary>
public static class RetentionPeriodText
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="position"/> (1-based) locates errors.</summary>
    public static TimeSpan Parse(string text, int position)
    {
        long ns;
        if (!TryParseShorthand(text.Trim(), out ns))
        {
            Interval interval;
            try
            {
                interval = IntervalText.Parse(text);
            }
            catch (SqlException e)
            {
                throw new SqlException(SqlState.InvalidParameterValue, $"invalid retention period \"{text}\": {e.Message}", position);
            }

            if (interval.Months != 0)
            {
                throw new SqlException(SqlState.InvalidParameterValue, $"retention period \"{text}\" has months or years, whose length varies", position, hint: "Give it in days, e.g. '365 days'.");
            }

            ns = checked((interval.Days * 86_400_000_000_000L) + interval.Nanoseconds);
        }

        if (ns < 100)
        {
            throw new SqlException(SqlState.InvalidParameterValue, $"retention period must be positive, got \"{text}\"", position);
        }

        return TimeSpan.FromTicks(ns / 100);
    }

    /// <summary>InfluxDB durations: one or more number-unit pairs, units ns us µs ms s m h d w.</summary>
    private static bool TryParseShorthand(string text, out long nanoseconds)
    {
        nanoseconds = 0;
        int i = 0;
        if (text.Length == 0)
        {
            return false;
        }

        while (i < text.Length)
        {
            int digits = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == digits || !long.TryParse(text.AsSpan(digits, i - digits), NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            {
                return false;
            }

            int unit = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            long scale = text[unit..i] switch
            {
                "ns" => 1L,
                "us" or "µs" => 1_000L,
                "ms" => 1_000_000L,
                "s" => 1_000_000_000L,
                "m" => 60_000_000_000L,
                "h" => 3_600_000_000_000L,
                "d" => 86_400_000_000_000L,
                "w" => 604_800_000_000_000L,
                _ => 0L,
            };
            if (scale == 0)
            {
                return false;
            }

            try
            {
                nanoseconds = checked(nanoseconds + (value * scale));
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return true;
    }
}
