using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace IOx.Pg.Storage.Time;

/// <summary>
/// The zone arithmetic of AT TIME ZONE and zone-aware calendar functions: resolving a zone named
/// in a query (PostgreSQL's rules differ from the TimeZone setting's) and converting between UTC
/// instants and wall-clock times (<see cref="ZoneClock"/>), on int64 nanoseconds.
/// </summary>
public sealed partial class PgTimeZone
{
    /// <summary>
    /// Resolves the zone of <c>x AT TIME ZONE zone</c>, <c>timezone(zone, x)</c> and
    /// <c>date_trunc(unit, x, zone)</c> as PostgreSQL 15 does: first the abbreviations
    /// (<see cref="PgTimeZoneAbbreviations"/>: 'EST' is −05 all year), then a tz database name
    /// ('America/New_York'), then a POSIX zone spec without daylight rules, whose offset is
    /// west of Greenwich: '+2', 'UTC+2' and '+02:00' are all two hours <em>behind</em> UTC.
    /// False when nothing matches (PostgreSQL: 22023 time zone "x" not recognized).
    /// </summary>
    public static bool TryResolveQueryZone(string name, [NotNullWhen(true)] out PgTimeZone? zone)
    {
        zone = null;
        if (name.Length == 0)
        {
            return false;
        }

        if (PgTimeZoneAbbreviations.TryGet(name, out int offset, out string? zoneName))
        {
            if (zoneName.Length == 0)
            {
                zone = new PgTimeZone(name, offset, null);
                return true;
            }

            if (TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out TimeZoneInfo? dynamicZone))
            {
                zone = new PgTimeZone(name, 0, dynamicZone);
                return true;
            }
        }

        if (name.Contains('/') || char.IsAsciiLetter(name[0]))
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(name, out TimeZoneInfo? info))
            {
                zone = new PgTimeZone(name, 0, info);
                return true;
            }
        }

        if (TryParsePosixSpec(name, out offset))
        {
            zone = new PgTimeZone(name, offset, null);
            return true;
        }

        return false;
    }

    /// <summary>A zone at a fixed offset east of UTC (an interval zone: AT TIME ZONE INTERVAL '+02:00' uses ISO's sign).</summary>
    public static PgTimeZone FixedEast(string name, int offsetSeconds) => new(name, offsetSeconds, null);

    /// <summary>The offset east of UTC in seconds at the instant <paramref name="utcNanoseconds"/> (see <see cref="ZoneClock"/> for a cached loop).</summary>
    public int OffsetAt(long utcNanoseconds) => _zone is null ? _fixedOffsetSeconds : GetUtcOffsetSeconds(FloorDiv(utcNanoseconds, 1000));

    /// <summary>Whether the zone is a fixed offset, and that offset in seconds east of UTC.</summary>
    public bool TryGetFixedOffset(out int offsetSeconds)
    {
        offsetSeconds = _fixedOffsetSeconds;
        return _zone is null;
    }

    /// <summary>Floor division.</summary>
    private static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }

    /// <summary>
    /// A POSIX zone spec without daylight rules: an optional name (three or more letters, or
    /// &lt;...&gt;; PostgreSQL also allows none), then [+-]hh[:mm[:ss]], positive west of Greenwich
    /// (hours up to 167). Returns the offset east of UTC.
    /// </summary>
    private static bool TryParsePosixSpec(string text, out int offsetEast)
    {
        offsetEast = 0;
        int i = 0;
        if (text[0] == '<')
        {
            i = text.IndexOf('>', StringComparison.Ordinal) + 1;
            if (i == 0)
            {
                return false;
            }
        }
        else
        {
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            if (i is 1 or 2)
            {
                return false;
            }
        }

        if (i == text.Length)
        {
            return false;
        }

        int sign = 1;
        if (text[i] is '+' or '-')
        {
            sign = text[i] == '-' ? -1 : 1;
            i++;
        }

        string[] parts = text[i..].Split(':');
        if (parts.Length > 3)
        {
            return false;
        }

        int total = 0;
        int unit = 3600;
        foreach (string part in parts)
        {
            if (part.Length is 0 or > 3 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
                || (unit == 3600 && value > 167) || (unit != 3600 && (value >= 60 || part.Length != 2)))
            {
                return false;
            }

            total += value * unit;
            unit /= 60;
        }

        offsetEast = -sign * total;
        return true;
    }
}
