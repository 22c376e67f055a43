using System.Globalization;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Values;

/// <summary>
/// PostgreSQL interval input (postgres style): a sequence of "number unit" parts with the usual
/// units and abbreviations (microseconds to millennia), an optional 'HH:MM[:SS[.f]]' part, an
/// optional leading '@' and trailing 'ago'. Fractional months spill into days (30 per month) and
/// fractional days into time (24 h per day), as PostgreSQL does.
/// </summary>
public static class IntervalText
{
    /// <summary>Parses <paramref name="text"/> or throws 22007.</summary>
    public static Interval Parse(string text)
    {
        string[] words = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        double months = 0;
        double days = 0;
        double ns = 0;
        bool any = false;
        bool ago = false;
        for (int i = 0; i < words.Length; i++)
        {
            string w = words[i];
            if (w == "@")
            {
                continue;
            }

            if (w.Equals("ago", StringComparison.OrdinalIgnoreCase) && i == words.Length - 1 && any)
            {
                ago = true;
                continue;
            }

            if (w.Contains(':', StringComparison.Ordinal))
            {
                ns += ParseClock(w, text);
                any = true;
                continue;
            }

            // A number, possibly glued to its unit ("5min", "1h").
            int split = 0;
            while (split < w.Length && (char.IsAsciiDigit(w[split]) || w[split] is '.' or '-' or '+'))
            {
                split++;
            }

            if (split == 0 || !double.TryParse(w.AsSpan(0, split), NumberStyles.Float, CultureInfo.InvariantCulture, out double n))
            {
                throw Invalid(text);
            }

            string unit = split < w.Length ? w[split..] : (i + 1 < words.Length && !IsNumberStart(words[i + 1]) ? words[++i] : "second");
            switch (unit.ToLowerInvariant())
            {
                case "microsecond" or "microseconds" or "us" or "usec" or "usecs" or "useconds":
                    ns += n * ValueText.NsPerUs;
                    break;
                case "millisecond" or "milliseconds" or "ms" or "msec" or "msecs" or "mseconds":
                    ns += n * ValueText.NsPerMs;
                    break;
                case "second" or "seconds" or "s" or "sec" or "secs":
                    ns += n * ValueText.NsPerSecond;
                    break;
                case "minute" or "minutes" or "m" or "min" or "mins":
                    ns += n * ValueText.NsPerMinute;
                    break;
                case "hour" or "hours" or "h" or "hr" or "hrs":
                    ns += n * ValueText.NsPerHour;
                    break;
                case "day" or "days" or "d":
                    days += n;
                    break;
                case "week" or "weeks" or "w":
                    days += n * 7;
                    break;
                case "month" or "months" or "mon" or "mons":
                    months += n;
                    break;
                case "year" or "years" or "y" or "yr" or "yrs":
                    months += n * 12;
                    break;
                case "decade" or "decades":
                    months += n * 120;
                    break;
                case "century" or "centuries":
                    months += n * 1200;
                    break;
                case "millennium" or "millennia" or "millenniums":
                    months += n * 12000;
                    break;
                default:
                    throw Invalid(text);
            }

            any = true;
        }

        if (!any)
        {
            throw Invalid(text);
        }

        // Spill fractions downward: PostgreSQL's interval input does the same.
        double wholeMonths = Math.Truncate(months);
        days += (months - wholeMonths) * 30;
        double wholeDays = Math.Truncate(days);
        ns += (days - wholeDays) * ValueText.NsPerDay;
        long nanos = (long)Math.Round(ns / 1000.0) * 1000;
        var result = new Interval((int)wholeMonths, (int)wholeDays, nanos);
        return ago ? new Interval(-result.Months, -result.Days, -result.Nanoseconds) : result;
    }

    /// <summary>Whether a word starts a new number (so the previous number had no unit).</summary>
    private static bool IsNumberStart(string w) => w.Length > 0 && (char.IsAsciiDigit(w[0]) || w[0] is '-' or '+' or '.');

    /// <summary>'[-]HH:MM[:SS[.f]]' in nanoseconds.</summary>
    private static double ParseClock(string w, string text)
    {
        bool negative = w.StartsWith('-');
        string[] parts = w.TrimStart('-', '+').Split(':');
        if (parts.Length is < 2 or > 3)
        {
            throw Invalid(text);
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int m))
        {
            throw Invalid(text);
        }

        double s = 0;
        if (parts.Length == 3 && !double.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out s))
        {
            throw Invalid(text);
        }

        double ns = (h * (double)ValueText.NsPerHour) + (m * (double)ValueText.NsPerMinute) + (s * ValueText.NsPerSecond);
        return negative ? -ns : ns;
    }

    /// <summary>22007 invalid interval input.</summary>
    private static SqlException Invalid(string text) =>
        new(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type interval: \"{text}\"");
}
