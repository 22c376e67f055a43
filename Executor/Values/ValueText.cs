using System.Globalization;
using System.Text;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Text;

namespace IOx.Pg.Executor.Values;

/// <summary>
/// Text input and output of values in PostgreSQL's formats (DateStyle ISO, TimeZone UTC,
/// IntervalStyle postgres): what a string literal becomes when its type is decided by context,
/// what ::text produces. Input errors are 22P02 / 22007 / 22003 with PostgreSQL's messages.
/// </summary>
public static class ValueText
{
    /// <summary>Nanoseconds per microsecond, second, minute, hour and day.</summary>
    public const long NsPerUs = 1_000, NsPerMs = 1_000_000, NsPerSecond = 1_000_000_000, NsPerMinute = 60 * NsPerSecond, NsPerHour = 60 * NsPerMinute, NsPerDay = 24 * NsPerHour;

    /// <summary>Formats a non-null value.</summary>
    public static string Format(DataType type, object value) => type switch
    {
        DataType.Boolean => (bool)value ? "true" : "false",
        DataType.Float32 => FormatFloat((float)value),
        DataType.Float64 => FormatDouble((double)value),
        DataType.Numeric => ((decimal)value).ToString(CultureInfo.InvariantCulture),
        DataType.Timestamp => FormatTimestamp((long)value, withZone: true),
        DataType.TimestampNoTz => FormatTimestamp((long)value, withZone: false),
        DataType.Date => FormatDate((int)value),
        DataType.Interval => FormatInterval((Interval)value),
        DataType.Utf8 => (string)value,
        DataType.Binary => ByteaText.FormatHex((byte[])value),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// float8out: with extra_float_digits &gt; 0 (<see cref="FloatOutput"/>, default 1) the shortest
    /// round-trip digits by PostgreSQL's own Ryu variant (1e23 is 9.999999999999999e+22), else
    /// <c>%.{15+n}g</c>; exponent form as PostgreSQL writes it (1e+20).
    /// </summary>
    public static string FormatDouble(double value)
    {
        Span<byte> text = stackalloc byte[FloatText.MaxLength];
        int length = FloatText.Format(value, FloatOutput.ExtraFloatDigits, text);
        return Encoding.ASCII.GetString(text[..length]);
    }

    /// <summary>float4out: as <see cref="FormatDouble"/> with float4's digits (scientific from 1e+06, <c>%.{6+n}g</c>).</summary>
    public static string FormatFloat(float value)
    {
        Span<byte> text = stackalloc byte[FloatText.MaxLength];
        int length = FloatText.Format(value, FloatOutput.ExtraFloatDigits, text);
        return Encoding.ASCII.GetString(text[..length]);
    }

    /// <summary>timestamptz / timestamp output: 'YYYY-MM-DD HH:MM:SS[.ffffff][+00]' (microseconds, trailing zeros trimmed).</summary>
    public static string FormatTimestamp(long ns, bool withZone)
    {
        long days = Math.DivRem(ns, NsPerDay, out long rem);
        if (rem < 0)
        {
            rem += NsPerDay;
            days--;
        }

        var sb = new StringBuilder(32);
        sb.Append(FormatDate((int)days));
        sb.Append(' ');
        AppendTime(sb, rem);
        if (withZone)
        {
            sb.Append("+00");
        }

        return sb.ToString();
    }

    /// <summary>date output 'YYYY-MM-DD' (BC years as PostgreSQL does).</summary>
    public static string FormatDate(int daysSinceEpoch)
    {
        DateOnly date = DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + daysSinceEpoch);
        return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>Appends HH:MM:SS[.ffffff] for a non-negative time of day in nanoseconds (rounded to microseconds).</summary>
    private static void AppendTime(StringBuilder sb, long ns)
    {
        long us = ns / NsPerUs;
        long hours = us / 3_600_000_000L;
        long minutes = us / 60_000_000L % 60;
        long seconds = us / 1_000_000L % 60;
        long fraction = us % 1_000_000L;
        sb.Append(hours.ToString("00", CultureInfo.InvariantCulture)).Append(':')
          .Append(minutes.ToString("00", CultureInfo.InvariantCulture)).Append(':')
          .Append(seconds.ToString("00", CultureInfo.InvariantCulture));
        if (fraction != 0)
        {
            sb.Append('.').Append(fraction.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }
    }

    /// <summary>interval output in IntervalStyle postgres: '1 year 2 mons 3 days 04:05:06'.</summary>
    public static string FormatInterval(Interval value)
    {
        var sb = new StringBuilder();
        int years = value.Months / 12;
        int months = value.Months % 12;
        AppendPart(sb, years, "year", "years");
        AppendPart(sb, months, "mon", "mons");
        AppendPart(sb, value.Days, "day", "days");
        if (value.Nanoseconds != 0 || sb.Length == 0)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            long ns = value.Nanoseconds;
            if (ns < 0)
            {
                sb.Append('-');
                ns = -ns;
            }

            AppendTime(sb, ns);
        }

        return sb.ToString();
    }

    /// <summary>Appends "n unit(s)" when n is not zero.</summary>
    private static void AppendPart(StringBuilder sb, int n, string one, string many)
    {
        if (n == 0)
        {
            return;
        }

        if (sb.Length > 0)
        {
            sb.Append(' ');
        }

        sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(n == 1 ? one : many);
    }

    /// <summary>Parses <paramref name="text"/> as a value of <paramref name="type"/> or throws PostgreSQL's input error.</summary>
    public static object Parse(DataType type, string text)
    {
        string t = text.Trim();
        switch (type)
        {
            case DataType.Boolean:
                return ParseBoolean(t) ?? throw InvalidInput("boolean", text);
            case DataType.Int16:
                return short.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out short s) ? s
                    : throw IntegerError(t, text, "smallint");
            case DataType.Int32:
                return int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) ? i
                    : throw IntegerError(t, text, "integer");
            case DataType.Int64:
                return long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) ? l
                    : throw IntegerError(t, text, "bigint");
            case DataType.UInt64:
            case DataType.Numeric:
                return ParseNumeric(t, text);
            case DataType.Float32:
                return (float)ParseDouble(t, text, "real");
            case DataType.Float64:
                return ParseDouble(t, text, "double precision");
            case DataType.Utf8:
                return text;
            case DataType.Binary:
                return ByteaText.Parse(Encoding.UTF8.GetBytes(text));
            case DataType.Timestamp:
                return ParseTimestamp(text, withZone: true);
            case DataType.TimestampNoTz:
                return ParseTimestamp(text, withZone: false);
            case DataType.Date:
                return ParseDate(text);
            case DataType.Interval:
                return IntervalText.Parse(text);
            default:
                throw SqlException.NotSupported($"input of type {TypeNames.SqlName(type)}");
        }
    }

    /// <summary>PostgreSQL's boolean input: t/f, true/false, yes/no, on/off, 1/0 and unique prefixes.</summary>
    public static bool? ParseBoolean(string t)
    {
        string v = t.ToLowerInvariant();
        if (v.Length == 0)
        {
            return null;
        }

        if ("true".StartsWith(v, StringComparison.Ordinal) || (v.Length > 0 && "yes".StartsWith(v, StringComparison.Ordinal)) || v == "on" || v == "1")
        {
            return true;
        }

        if ("false".StartsWith(v, StringComparison.Ordinal) || "no".StartsWith(v, StringComparison.Ordinal) || v == "off" || v == "of" || v == "0")
        {
            return v != "o" ? false : null;
        }

        return null;
    }

    /// <summary>Numeric input (plain decimal or exponent form); NaN and infinities are not representable.</summary>
    private static decimal ParseNumeric(string t, string original)
    {
        if (decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal d))
        {
            return d;
        }

        if (decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out d))
        {
            return d;
        }

        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double approximate))
        {
            if (!double.IsFinite(approximate))
            {
                // PostgreSQL's numeric has NaN and ±Infinity; numeric here is System.Decimal, which has neither.
                throw SqlException.NotSupported($"numeric value \"{original}\" (NaN and infinity are not numeric values here)");
            }

            throw new SqlException(SqlState.NumericValueOutOfRange, "value overflows numeric format");
        }

        throw InvalidInput("numeric", original);
    }

    /// <summary>Float input, including NaN and [-]Infinity.</summary>
    private static double ParseDouble(string t, string original, string typeName)
    {
        switch (t.ToLowerInvariant())
        {
            case "nan":
                return double.NaN;
            case "infinity" or "+infinity" or "inf" or "+inf":
                return double.PositiveInfinity;
            case "-infinity" or "-inf":
                return double.NegativeInfinity;
        }

        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            if (double.IsInfinity(d))
            {
                throw new SqlException(SqlState.NumericValueOutOfRange, $"\"{t}\" is out of range for type {typeName}");
            }

            return d;
        }

        throw InvalidInput(typeName, original);
    }

    /// <summary>22003 when the text is an integer that does not fit, 22P02 otherwise.</summary>
    private static SqlException IntegerError(string t, string original, string typeName)
    {
        if (t.Length > 0 && long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) || (t.Length > 1 && IsAllDigits(t.TrimStart('-', '+'))))
        {
            return new SqlException(SqlState.NumericValueOutOfRange, $"value \"{t}\" is out of range for type {typeName}");
        }

        return InvalidInput(typeName, original);
    }

    /// <summary>Whether every character is an ASCII digit.</summary>
    private static bool IsAllDigits(string s)
    {
        foreach (char c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return s.Length > 0;
    }

    /// <summary>22P02 invalid input syntax.</summary>
    public static SqlException InvalidInput(string typeName, string text) =>
        new(SqlState.InvalidTextRepresentation, $"invalid input syntax for type {typeName}: \"{text}\"");

    /// <summary>
    /// Timestamp input: 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM[:SS[.fraction]]', 'T' instead of the space,
    /// then optionally Z / UTC / +HH / +HH:MM / +HHMM; also 'epoch'. Without a zone, timestamptz
    /// input is in the session zone (<see cref="InputTimeZone"/>). A zone on timestamp (without time zone) input is ignored,
    /// as PostgreSQL does. Returns nanoseconds since the epoch.
    /// </summary>
    public static long ParseTimestamp(string text, bool withZone)
    {
        long days = ParseDateTime(text, withZone, withZone ? "timestamp with time zone" : "timestamp without time zone", out long timeNs, out long offsetNs, out bool explicitZone);
        long result;
        try
        {
            result = checked((days * NsPerDay) + timeNs);
        }
        catch (OverflowException)
        {
            // int64 nanoseconds reach 1677-09-21 .. 2262-04-11; PostgreSQL's own range is wider.
            throw new SqlException(SqlState.DatetimeFieldOverflow, $"timestamp out of range: \"{text}\"");
        }

        if (!withZone)
        {
            return result;
        }

        return explicitZone ? result - offsetNs : InputTimeZone.ToUtc(result, text);
    }

    /// <summary>date input: the day of a date (or timestamp) text, as days since 1970-01-01; any time of day is ignored, as date_in does.</summary>
    public static int ParseDate(string text) => (int)ParseDateTime(text, withZone: false, "date", out _, out _, out _);

    /// <summary>Parses 'YYYY-MM-DD[ HH:MM[:SS[.f]]][zone]': days since 1970-01-01, the time of day and the zone offset in nanoseconds.</summary>
    private static long ParseDateTime(string text, bool withZone, string typeName, out long timeNs, out long offsetNs, out bool explicitZone)
    {
        string t = text.Trim();
        if (t.Equals("epoch", StringComparison.OrdinalIgnoreCase))
        {
            timeNs = 0;
            offsetNs = 0;
            explicitZone = true;
            return 0;
        }

        int p = 0;
        if (!ReadInt(t, ref p, 4, 5, out int year) || !Expect(t, ref p, '-') || !ReadInt(t, ref p, 1, 2, out int month)
            || !Expect(t, ref p, '-') || !ReadInt(t, ref p, 1, 2, out int day))
        {
            throw new SqlException(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type {typeName}: \"{text}\"");
        }

        timeNs = 0;
        offsetNs = 0;
        if (p < t.Length && (t[p] == ' ' || t[p] == 'T' || t[p] == 't'))
        {
            p++;
            while (p < t.Length && t[p] == ' ')
            {
                p++;
            }

            if (p < t.Length && char.IsAsciiDigit(t[p]))
            {
                if (!ReadInt(t, ref p, 1, 2, out int hour) || !Expect(t, ref p, ':') || !ReadInt(t, ref p, 2, 2, out int minute))
                {
                    throw new SqlException(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type {typeName}: \"{text}\"");
                }

                int second = 0;
                long fractionNs = 0;
                if (p < t.Length && t[p] == ':')
                {
                    p++;
                    if (!ReadInt(t, ref p, 2, 2, out second))
                    {
                        throw new SqlException(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type {typeName}: \"{text}\"");
                    }

                    if (p < t.Length && t[p] == '.')
                    {
                        p++;
                        long scale = NsPerSecond / 10;
                        int start = p;
                        while (p < t.Length && char.IsAsciiDigit(t[p]))
                        {
                            fractionNs += (t[p] - '0') * scale;
                            scale /= 10;
                            p++;
                        }

                        if (p == start)
                        {
                            throw new SqlException(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type {typeName}: \"{text}\"");
                        }

                        // PostgreSQL keeps microseconds: round the fraction to the nearest microsecond.
                        fractionNs = (fractionNs + 500) / 1000 * 1000;
                    }
                }

                if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute != 0 || second != 0 || fractionNs != 0)))
                {
                    throw new SqlException(SqlState.DatetimeFieldOverflow, $"date/time field value out of range: \"{text}\"");
                }

                timeNs = (hour * NsPerHour) + (minute * NsPerMinute) + (second * NsPerSecond) + fractionNs;
            }
        }

        while (p < t.Length && t[p] == ' ')
        {
            p++;
        }

        explicitZone = p < t.Length;
        if (explicitZone)
        {
            string zone = t[p..];
            if (!TryParseZone(zone, out offsetNs))
            {
                throw new SqlException(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type {typeName}: \"{text}\"");
            }
        }

        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(Math.Min(year, 9999), month))
        {
            throw new SqlException(SqlState.DatetimeFieldOverflow, $"date/time field value out of range: \"{text}\"");
        }

        return new DateOnly(Math.Min(year, 9999), month, day).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    }

    /// <summary>Zone suffixes: Z, UTC, GMT, +HH, +HH:MM, +HHMM (and the same with -).</summary>
    private static bool TryParseZone(string zone, out long offsetNs)
    {
        offsetNs = 0;
        if (zone.Equals("Z", StringComparison.OrdinalIgnoreCase) || zone.Equals("UTC", StringComparison.OrdinalIgnoreCase) || zone.Equals("GMT", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (zone[0] != '+' && zone[0] != '-')
        {
            return false;
        }

        int sign = zone[0] == '-' ? -1 : 1;
        int p = 1;
        if (!ReadInt(zone, ref p, 1, 2, out int hours))
        {
            return false;
        }

        int minutes = 0;
        if (p < zone.Length && zone[p] == ':')
        {
            p++;
        }

        if (p < zone.Length && !ReadInt(zone, ref p, 2, 2, out minutes))
        {
            return false;
        }

        if (p != zone.Length || hours > 15 || minutes > 59)
        {
            return false;
        }

        offsetNs = sign * ((hours * NsPerHour) + (minutes * NsPerMinute));
        return true;
    }

    /// <summary>Reads between <paramref name="min"/> and <paramref name="max"/> digits.</summary>
    private static bool ReadInt(string s, ref int p, int min, int max, out int value)
    {
        value = 0;
        int start = p;
        while (p < s.Length && p - start < max && char.IsAsciiDigit(s[p]))
        {
            value = (value * 10) + (s[p] - '0');
            p++;
        }

        return p - start >= min;
    }

    /// <summary>Consumes <paramref name="c"/>.</summary>
    private static bool Expect(string s, ref int p, char c)
    {
        if (p < s.Length && s[p] == c)
        {
            p++;
            return true;
        }

        return false;
    }
}
