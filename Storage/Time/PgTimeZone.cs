using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace IOx.Pg.Storage.Time;

/// <summary>
/// The session TimeZone as timestamptz output needs it: a fixed offset or an IANA zone
/// (TimeZoneInfo, which follows daylight-saving rules). Settings accepted: "UTC" and its aliases;
/// a plain number of hours ("5", "-3.5"), east positive, as PostgreSQL reads a numeric TimeZone;
/// an ISO offset "+05:30" / "-03" (east positive); an IANA name ("Europe/Berlin"); a POSIX
/// name with offset and no daylight rules ("GMT-05:00" = UTC+5, west positive). Immutable.
/// </summary>
public sealed partial class PgTimeZone
{
    /// <summary>UTC.</summary>
    public static readonly PgTimeZone Utc = new("UTC", 0, null);

    /// <summary>Offset east of UTC in seconds when fixed.</summary>
    private readonly int _fixedOffsetSeconds;

    /// <summary>The zone rules, or null for a fixed offset.</summary>
    private readonly TimeZoneInfo? _zone;

    /// <summary>Creates a zone.</summary>
    private PgTimeZone(string name, int fixedOffsetSeconds, TimeZoneInfo? zone)
    {
        Name = name;
        _fixedOffsetSeconds = fixedOffsetSeconds;
        _zone = zone;
    }

    /// <summary>The setting this zone was resolved from.</summary>
    public string Name { get; }

    /// <summary>A fixed zone <paramref name="offsetSeconds"/> east of UTC.</summary>
    public static PgTimeZone FromOffset(string name, int offsetSeconds) => new(name, offsetSeconds, null);

    /// <summary>Resolves a TimeZone setting; false when it names no zone we know (PostgreSQL: 22023).</summary>
    public static bool TryResolve(string setting, [NotNullWhen(true)] out PgTimeZone? zone)
    {
        zone = null;
        string name = setting.Trim();
        if (name.Length == 0)
        {
            return false;
        }

        if (name.Equals("UTC", StringComparison.OrdinalIgnoreCase) || name.Equals("GMT", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Z", StringComparison.OrdinalIgnoreCase) || name.Equals("Etc/UTC", StringComparison.OrdinalIgnoreCase)
            || name.Equals("UCT", StringComparison.OrdinalIgnoreCase) || name.Equals("Universal", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Zulu", StringComparison.OrdinalIgnoreCase) || name.Equals("Etc/GMT", StringComparison.OrdinalIgnoreCase))
        {
            zone = string.Equals(setting, "UTC", StringComparison.Ordinal) ? Utc : new PgTimeZone(setting, 0, null);
            return true;
        }

        if (double.TryParse(name, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double hours))
        {
            if (Math.Abs(hours) > 15 * 24)
            {
                return false;
            }

            zone = new PgTimeZone(setting, (int)Math.Round(hours * 3600), null);
            return true;
        }

        if (TryParseIsoOffset(name, out int offset))
        {
            zone = new PgTimeZone(setting, offset, null);
            return true;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(name, out TimeZoneInfo? info))
        {
            zone = new PgTimeZone(setting, 0, info);
            return true;
        }

        if (TryParsePosixOffset(name, out offset))
        {
            zone = new PgTimeZone(setting, offset, null);
            return true;
        }

        return false;
    }

    /// <summary>
    /// A POSIX zone without daylight rules, "STD" + offset ("GMT-05:00", "UTC+3", "XYZ5"): the
    /// offset is west of Greenwich, so its sign is the opposite of ISO's. pgjdbc sends this form
    /// for a JVM zone like "GMT+05:00".
    /// </summary>
    private static bool TryParsePosixOffset(string text, out int offsetSeconds)
    {
        offsetSeconds = 0;
        int letters = 0;
        while (letters < text.Length && char.IsAsciiLetter(text[letters]))
        {
            letters++;
        }

        if (letters < 3 || letters == text.Length)
        {
            return false;
        }

        string rest = text[letters..];
        if (rest[0] != '+' && rest[0] != '-')
        {
            rest = "+" + rest;
        }

        if (!TryParseIsoOffset(rest, out int west))
        {
            return false;
        }

        offsetSeconds = -west;
        return true;
    }

    /// <summary>The offset east of UTC, in seconds, in force at <paramref name="unixMicroseconds"/>.</summary>
    public int GetUtcOffsetSeconds(long unixMicroseconds)
    {
        if (_zone is null)
        {
            return _fixedOffsetSeconds;
        }

        // int64 nanosecond timestamps span 1677..2262, well inside DateTime's range.
        DateTime utc = new(DateTime.UnixEpoch.Ticks + (unixMicroseconds * 10), DateTimeKind.Utc);
        return (int)(_zone.GetUtcOffset(utc).Ticks / TimeSpan.TicksPerSecond);
    }

    /// <summary>Parses "+HH", "+HH:MM", "+HH:MM:SS" (or '-'); east of UTC is positive.</summary>
    private static bool TryParseIsoOffset(string text, out int offsetSeconds)
    {
        offsetSeconds = 0;
        if (text.Length < 2 || (text[0] != '+' && text[0] != '-'))
        {
            return false;
        }

        string[] parts = text[1..].Split(':');
        if (parts.Length > 3)
        {
            return false;
        }

        int total = 0;
        int unit = 3600;
        foreach (string part in parts)
        {
            if (part.Length is 0 or > 2 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || (unit != 3600 && value >= 60))
            {
                return false;
            }

            total += value * unit;
            unit /= 60;
        }

        if (total > 15 * 3600 + 59 * 60)
        {
            return false;
        }

        offsetSeconds = text[0] == '-' ? -total : total;
        return true;
    }
}
