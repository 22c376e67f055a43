namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// Parses a timestamp with a Rust chrono strftime format, as InfluxDB 3's (DataFusion's)
/// to_timestamp_*(text, format...) and to_unixtime(text, format...) do. Supported: %Y %C %y %m
/// %b %h %B %d %e %a %A %H %I %p %M %S %f %.f %.3f %.6f %.9f %s %z %:z %Z(ignored: no offset)
/// %F %D %T %R %c %+ %%, and a space in the format matching any run of whitespace (also none),
/// as chrono does. Without an offset the time is UTC. Day and month names are English; a weekday
/// is read and not checked against the date. Works on UTF-8 bytes; no allocation.
/// </summary>
public static class ChronoFormat
{
    /// <summary>English month names, lower case.</summary>
    private static readonly string[] s_months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>English weekday names, lower case.</summary>
    private static readonly string[] s_days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>The fields read so far.</summary>
    private ref struct Fields
    {
        public int Year, Month, Day, Hour, Minute, Second, Nanos, OffsetSeconds;
        public bool Pm, Twelve, HasEpoch;
        public long Epoch;
    }

    /// <summary>Parses <paramref name="text"/> with <paramref name="format"/> into nanoseconds since the epoch; false when it does not match.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, ReadOnlySpan<byte> format, out long nanos)
    {
        nanos = 0;
        var f = new Fields { Year = 1970, Month = 1, Day = 1 };
        int t = 0;
        if (!Match(text, ref t, format, ref f))
        {
            return false;
        }

        // Trailing input is an error in chrono ("trailing input").
        if (t != text.Length)
        {
            return false;
        }

        if (f.HasEpoch)
        {
            nanos = checked(f.Epoch * 1_000_000_000L);
            return true;
        }

        if (f.Twelve)
        {
            f.Hour = (f.Hour % 12) + (f.Pm ? 12 : 0);
        }

        if (f.Month is < 1 or > 12 || f.Day < 1 || f.Day > DateTime.DaysInMonth(Math.Clamp(f.Year, 1, 9999), f.Month)
            || f.Hour > 23 || f.Minute > 59 || f.Second > 60 || f.Year is < 1 or > 9999)
        {
            return false;
        }

        long seconds = ((new DateTime(f.Year, f.Month, f.Day).Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond)
            + (f.Hour * 3600L) + (f.Minute * 60L) + f.Second - f.OffsetSeconds;
        nanos = (seconds * 1_000_000_000L) + f.Nanos;
        return true;
    }

    /// <summary>Matches <paramref name="format"/> against <paramref name="text"/> from <paramref name="t"/>.</summary>
    private static bool Match(ReadOnlySpan<byte> text, ref int t, ReadOnlySpan<byte> format, ref Fields f)
    {
        for (int i = 0; i < format.Length; i++)
        {
            byte c = format[i];
            if (c == (byte)' ')
            {
                while (t < text.Length && IsSpace(text[t]))
                {
                    t++;
                }

                continue;
            }

            if (c != (byte)'%')
            {
                if (t >= text.Length || text[t] != c)
                {
                    return false;
                }

                t++;
                continue;
            }

            if (++i >= format.Length)
            {
                return false;
            }

            c = format[i];
            bool ok;
            switch (c)
            {
                case (byte)'Y':
                    ok = Signed(text, ref t, 1, 6, out f.Year);
                    break;
                case (byte)'C':
                    ok = Number(text, ref t, 2, 2, out int century);
                    f.Year = (century * 100) + (f.Year % 100);
                    break;
                case (byte)'y':
                    ok = Number(text, ref t, 2, 2, out int yy);
                    f.Year = yy < 70 ? 2000 + yy : 1900 + yy;
                    break;
                case (byte)'m':
                    ok = Number(text, ref t, 1, 2, out f.Month);
                    break;
                case (byte)'b' or (byte)'h' or (byte)'B':
                    ok = Name(text, ref t, s_months, c == (byte)'B', out int month);
                    f.Month = month + 1;
                    break;
                case (byte)'a' or (byte)'A':
                    ok = Name(text, ref t, s_days, c == (byte)'A', out _);
                    break;
                case (byte)'d':
                    ok = Number(text, ref t, 1, 2, out f.Day);
                    break;
                case (byte)'e':
                    SkipSpaces(text, ref t);
                    ok = Number(text, ref t, 1, 2, out f.Day);
                    break;
                case (byte)'H':
                    ok = Number(text, ref t, 1, 2, out f.Hour);
                    break;
                case (byte)'I':
                    ok = Number(text, ref t, 1, 2, out f.Hour);
                    f.Twelve = true;
                    break;
                case (byte)'p' or (byte)'P':
                    ok = AmPm(text, ref t, out f.Pm);
                    f.Twelve = true;
                    break;
                case (byte)'M':
                    ok = Number(text, ref t, 1, 2, out f.Minute);
                    break;
                case (byte)'S':
                    ok = Number(text, ref t, 1, 2, out f.Second);
                    break;
                case (byte)'f':
                    ok = Fraction(text, ref t, out f.Nanos, required: true);
                    break;
                case (byte)'.':
                    // %.f, %.3f, %.6f, %.9f: an optional '.' and fraction digits.
                    if (i + 1 < format.Length && format[i + 1] is (byte)'3' or (byte)'6' or (byte)'9')
                    {
                        i++;
                    }

                    if (i + 1 >= format.Length || format[i + 1] != (byte)'f')
                    {
                        return false;
                    }

                    i++;
                    ok = true;
                    if (t < text.Length && text[t] == (byte)'.')
                    {
                        t++;
                        ok = Fraction(text, ref t, out f.Nanos, required: true);
                    }

                    break;
                case (byte)'s':
                    ok = Signed(text, ref t, 1, 19, out long epoch);
                    f.Epoch = epoch;
                    f.HasEpoch = true;
                    break;
                case (byte)'z':
                    ok = Offset(text, ref t, colon: false, out f.OffsetSeconds);
                    break;
                case (byte)':':
                    if (i + 1 >= format.Length || format[i + 1] != (byte)'z')
                    {
                        return false;
                    }

                    i++;
                    ok = Offset(text, ref t, colon: true, out f.OffsetSeconds);
                    break;
                case (byte)'Z':
                    // A zone abbreviation is read and carries no offset (chrono cannot resolve one either).
                    ok = t < text.Length && IsLetter(text[t]);
                    while (t < text.Length && IsLetter(text[t]))
                    {
                        t++;
                    }

                    break;
                case (byte)'F':
                    ok = Match(text, ref t, "%Y-%m-%d"u8, ref f);
                    break;
                case (byte)'D':
                    ok = Match(text, ref t, "%m/%d/%y"u8, ref f);
                    break;
                case (byte)'T':
                    ok = Match(text, ref t, "%H:%M:%S"u8, ref f);
                    break;
                case (byte)'R':
                    ok = Match(text, ref t, "%H:%M"u8, ref f);
                    break;
                case (byte)'c':
                    ok = Match(text, ref t, "%a %b %e %H:%M:%S %Y"u8, ref f);
                    break;
                case (byte)'+':
                    // ISO 8601 / RFC 3339 with a required offset (Z accepted as +00:00).
                    ok = Match(text, ref t, "%Y-%m-%dT%H:%M:%S%.f"u8, ref f);
                    if (ok && t < text.Length && text[t] is (byte)'Z' or (byte)'z')
                    {
                        t++;
                        f.OffsetSeconds = 0;
                    }
                    else if (ok)
                    {
                        ok = Offset(text, ref t, colon: true, out f.OffsetSeconds);
                    }

                    break;
                case (byte)'%':
                    ok = t < text.Length && text[t] == (byte)'%';
                    t++;
                    break;
                default:
                    return false;
            }

            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whitespace as chrono skips it.</summary>
    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    /// <summary>An ASCII letter.</summary>
    private static bool IsLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    /// <summary>Skips whitespace.</summary>
    private static void SkipSpaces(ReadOnlySpan<byte> text, ref int t)
    {
        while (t < text.Length && IsSpace(text[t]))
        {
            t++;
        }
    }

    /// <summary>An unsigned number of <paramref name="min"/> to <paramref name="max"/> digits.</summary>
    private static bool Number(ReadOnlySpan<byte> text, ref int t, int min, int max, out int value)
    {
        bool ok = Signed(text, ref t, min, max, out long v, allowSign: false);
        value = (int)v;
        return ok;
    }

    /// <summary>An optionally signed number of <paramref name="min"/> to <paramref name="max"/> digits.</summary>
    private static bool Signed(ReadOnlySpan<byte> text, ref int t, int min, int max, out int value)
    {
        bool ok = Signed(text, ref t, min, max, out long v);
        value = (int)v;
        return ok;
    }

    /// <summary>An optionally signed number of <paramref name="min"/> to <paramref name="max"/> digits.</summary>
    private static bool Signed(ReadOnlySpan<byte> text, ref int t, int min, int max, out long value, bool allowSign = true)
    {
        value = 0;
        bool negative = false;
        if (allowSign && t < text.Length && text[t] is (byte)'+' or (byte)'-')
        {
            negative = text[t] == (byte)'-';
            t++;
        }

        int digits = 0;
        while (t < text.Length && digits < max && (uint)(text[t] - '0') <= 9)
        {
            value = (value * 10) + (text[t] - '0');
            t++;
            digits++;
        }

        value = negative ? -value : value;
        return digits >= min;
    }

    /// <summary>Fraction digits as nanoseconds (digits past the ninth are read and dropped).</summary>
    private static bool Fraction(ReadOnlySpan<byte> text, ref int t, out int nanos, bool required)
    {
        nanos = 0;
        int digits = 0;
        while (t < text.Length && (uint)(text[t] - '0') <= 9)
        {
            if (digits < 9)
            {
                nanos = (nanos * 10) + (text[t] - '0');
            }

            digits++;
            t++;
        }

        for (int d = digits; d < 9; d++)
        {
            nanos *= 10;
        }

        return digits > 0 || !required;
    }

    /// <summary>An English name (or its three-letter abbreviation unless <paramref name="full"/>), case-insensitive.</summary>
    private static bool Name(ReadOnlySpan<byte> text, ref int t, string[] names, bool full, out int index)
    {
        for (index = 0; index < names.Length; index++)
        {
            string name = names[index];
            int length = full ? name.Length : 3;
            if (t + length <= text.Length && EqualsIgnoreCase(text.Slice(t, length), name.AsSpan(0, length)))
            {
                t += length;
                return true;
            }
        }

        return false;
    }

    /// <summary>ASCII case-insensitive equality of UTF-8 bytes and a lower-case name.</summary>
    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> bytes, ReadOnlySpan<char> lower)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            if ((bytes[i] | 0x20) != lower[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>AM or PM, case-insensitive.</summary>
    private static bool AmPm(ReadOnlySpan<byte> text, ref int t, out bool pm)
    {
        pm = false;
        if (t + 2 > text.Length || (text[t + 1] | 0x20) != 'm')
        {
            return false;
        }

        int c = text[t] | 0x20;
        if (c is not ('a' or 'p'))
        {
            return false;
        }

        pm = c == 'p';
        t += 2;
        return true;
    }

    /// <summary>+hhmm (or +hh:mm with <paramref name="colon"/>) as seconds east of UTC.</summary>
    private static bool Offset(ReadOnlySpan<byte> text, ref int t, bool colon, out int seconds)
    {
        seconds = 0;
        if (t >= text.Length || text[t] is not ((byte)'+' or (byte)'-'))
        {
            return false;
        }

        bool negative = text[t] == (byte)'-';
        t++;
        if (!Number(text, ref t, 2, 2, out int hours))
        {
            return false;
        }

        if (colon || (t < text.Length && text[t] == (byte)':'))
        {
            if (t >= text.Length || text[t] != (byte)':')
            {
                return false;
            }

            t++;
        }

        if (!Number(text, ref t, 2, 2, out int minutes))
        {
            return false;
        }

        seconds = ((hours * 3600) + (minutes * 60)) * (negative ? -1 : 1);
        return true;
    }
}
