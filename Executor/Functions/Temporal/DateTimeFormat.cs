using System.Globalization;
using System.Text;
using IOx.Pg.Executor.Values;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// A to_char template for timestamps, parsed once (PostgreSQL's datetime template patterns): HH
/// HH12 HH24 MI SS MS US FF1–FF6 SSSS SSSSS, AM PM A.M. P.M. (and lower case), Y,YYY YYYY YYY YY
/// Y IYYY IYY IY I, MONTH Month month MON Mon mon MM, DAY Day day DY Dy dy DDD IDDD DD D ID, W WW
/// IW CC J Q, RM rm, TZ tz TZH TZM OF, AD BC A.D. B.C.; prefixes FM (no padding) and TM (ignored:
/// English names), FX (ignored); suffixes TH / th (ordinal) and SP (ignored). "quoted text" is
/// copied (a backslash escapes the next character inside it; \" outside gives a quote); any
/// other character is copied. Patterns match case-insensitively, longest first; names take
/// the case of the pattern as written. TZ prints UTC for UTC, otherwise the numeric offset
/// (time zone abbreviations of named zones are not available here).
/// </summary>
public sealed class DateTimeFormat
{
    /// <summary>The patterns, longest first where one is a prefix of another.</summary>
    private static readonly string[] s_patterns =
    [
        "A.D.", "A.M.", "AD", "AM", "B.C.", "BC", "CC", "DAY", "DDD", "DD", "DY", "D", "FF1", "FF2", "FF3", "FF4", "FF5", "FF6",
        "HH24", "HH12", "HH", "IDDD", "ID", "IW", "IYYY", "IYY", "IY", "I", "J", "MI", "MM", "MONTH", "MON", "MS", "OF", "P.M.",
        "PM", "Q", "RM", "SSSSS", "SSSS", "SS", "TZH", "TZM", "TZ", "US", "WW", "W", "Y,YYY", "YYYY", "YYY", "YY", "Y",
    ];

    /// <summary>English month names.</summary>
    private static readonly string[] s_months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>English day names, Sunday first.</summary>
    private static readonly string[] s_days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>Roman month numerals.</summary>
    private static readonly string[] s_roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

    /// <summary>The parsed template.</summary>
    private readonly Node[] _nodes;

    /// <summary>Creates the template from its nodes.</summary>
    private DateTimeFormat(Node[] nodes) => _nodes = nodes;

    /// <summary>Parses a template; every string is a valid template (unknown characters are copied).</summary>
    public static DateTimeFormat Parse(string template)
    {
        var nodes = new List<Node>();
        var literal = new StringBuilder();
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            if (c == '"')
            {
                i++;
                while (i < template.Length && template[i] != '"')
                {
                    if (template[i] == '\\' && i + 1 < template.Length)
                    {
                        i++;
                    }

                    literal.Append(template[i++]);
                }

                i++;
                continue;
            }

            if (c == '\\' && i + 1 < template.Length && template[i + 1] == '"')
            {
                literal.Append('"');
                i += 2;
                continue;
            }

            bool fill = false;
            int start = i;
            while (i + 1 < template.Length && (Is(template, i, "FM") || Is(template, i, "TM") || Is(template, i, "FX")))
            {
                fill |= Is(template, i, "FM");
                i += 2;
            }

            string? pattern = Match(template, i);
            if (pattern is null)
            {
                i = start;
                literal.Append(template[i++]);
                continue;
            }

            if (literal.Length > 0)
            {
                nodes.Add(new Node(null, literal.ToString(), false, 0, LetterCase.Upper));
                literal.Clear();
            }

            LetterCase letters = char.IsLower(template[i]) ? LetterCase.Lower
                : i + 1 < template.Length && pattern.Length > 1 && char.IsLower(template[i + 1]) ? LetterCase.Capitalized
                : LetterCase.Upper;
            i += pattern.Length;
            int ordinal = 0;
            if (Is(template, i, "TH"))
            {
                ordinal = char.IsLower(template[i]) ? 2 : 1;
                i += 2;
            }

            if (Is(template, i, "SP"))
            {
                i += 2;
            }

            nodes.Add(new Node(pattern, null, fill, ordinal, letters));
        }

        if (literal.Length > 0)
        {
            nodes.Add(new Node(null, literal.ToString(), false, 0, LetterCase.Upper));
        }

        return new DateTimeFormat([.. nodes]);
    }

    /// <summary>
    /// Appends the text of wall-clock time <paramref name="local"/> (ns since the epoch) whose UTC
    /// offset is <paramref name="offsetSeconds"/>; <paramref name="utc"/> says the zone is UTC,
    /// <paramref name="zoned"/> that the value has a zone at all (TZ of a timestamp without one is empty).
    /// </summary>
    public void Format(long local, int offsetSeconds, bool utc, bool zoned, StringBuilder output)
    {
        long day = UtcCalendar.DayNumber(local);
        long nanos = UtcCalendar.NanosOfDay(local);
        DateTime date = DateTime.UnixEpoch.AddDays(day);
        int year = date.Year;
        int hour = (int)(nanos / ValueText.NsPerHour);
        int minute = (int)(nanos / ValueText.NsPerMinute % 60);
        int second = (int)(nanos / ValueText.NsPerSecond % 60);
        long micros = nanos / ValueText.NsPerUs % 1_000_000;
        foreach (Node node in _nodes)
        {
            if (node.Pattern is null)
            {
                output.Append(node.Literal);
                continue;
            }

            long number;
            int width;
            switch (node.Pattern)
            {
                case "HH" or "HH12":
                    number = hour % 12 == 0 ? 12 : hour % 12;
                    width = 2;
                    break;
                case "HH24":
                    number = hour;
                    width = 2;
                    break;
                case "MI":
                    number = minute;
                    width = 2;
                    break;
                case "SS":
                    number = second;
                    width = 2;
                    break;
                case "MS":
                    AppendNumber(output, micros / 1000, 3);
                    continue;
                case "US":
                    AppendNumber(output, micros, 6);
                    continue;
                case ['F', 'F', char digits]:
                {
                    int n = digits - '0';
                    AppendNumber(output, micros / (long)Math.Pow(10, 6 - n), n);
                    continue;
                }

                case "SSSS" or "SSSSS":
                    number = nanos / ValueText.NsPerSecond;
                    width = 0;
                    break;
                case "AM" or "PM" or "A.M." or "P.M.":
                {
                    bool pm = hour >= 12;
                    string text = node.Pattern.Length == 2 ? (pm ? "PM" : "AM") : (pm ? "P.M." : "A.M.");
                    output.Append(node.Letters == LetterCase.Lower ? text.ToLowerInvariant() : text);
                    continue;
                }

                case "AD" or "BC" or "A.D." or "B.C.":
                {
                    string text = node.Pattern.Length == 2 ? (year > 0 ? "AD" : "BC") : (year > 0 ? "A.D." : "B.C.");
                    output.Append(node.Letters == LetterCase.Lower ? text.ToLowerInvariant() : text);
                    continue;
                }

                case "Y,YYY":
                    AppendNumber(output.Append(year / 1000).Append(','), year % 1000, 3);
                    continue;
                case "YYYY":
                    number = year;
                    width = 4;
                    break;
                case "YYY":
                    number = year % 1000;
                    width = 3;
                    break;
                case "YY":
                    number = year % 100;
                    width = 2;
                    break;
                case "Y":
                    number = year % 10;
                    width = 1;
                    break;
                case "IYYY":
                    number = ISOWeek.GetYear(date);
                    width = 4;
                    break;
                case "IYY":
                    number = ISOWeek.GetYear(date) % 1000;
                    width = 3;
                    break;
                case "IY":
                    number = ISOWeek.GetYear(date) % 100;
                    width = 2;
                    break;
                case "I":
                    number = ISOWeek.GetYear(date) % 10;
                    width = 1;
                    break;
                case "MONTH" or "DAY":
                {
                    string name = node.Pattern == "MONTH" ? s_months[date.Month - 1] : s_days[(int)date.DayOfWeek];
                    AppendName(output, name, node, node.Fill ? 0 : 9);
                    continue;
                }

                case "MON" or "DY":
                    AppendName(output, (node.Pattern == "MON" ? s_months[date.Month - 1] : s_days[(int)date.DayOfWeek])[..3], node, 0);
                    continue;
                case "MM":
                    number = date.Month;
                    width = 2;
                    break;
                case "DDD":
                    number = date.DayOfYear;
                    width = 3;
                    break;
                case "IDDD":
                    number = ((ISOWeek.GetWeekOfYear(date) - 1) * 7) + IsoDay(date);
                    width = 3;
                    break;
                case "DD":
                    number = date.Day;
                    width = 2;
                    break;
                case "D":
                    number = (int)date.DayOfWeek + 1;
                    width = 0;
                    break;
                case "ID":
                    number = IsoDay(date);
                    width = 0;
                    break;
                case "W":
                    number = ((date.Day - 1) / 7) + 1;
                    width = 0;
                    break;
                case "WW":
                    number = ((date.DayOfYear - 1) / 7) + 1;
                    width = 2;
                    break;
                case "IW":
                    number = ISOWeek.GetWeekOfYear(date);
                    width = 2;
                    break;
                case "CC":
                    number = year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100);
                    width = 2;
                    break;
                case "J":
                    number = day + 2_440_588;
                    width = 0;
                    break;
                case "Q":
                    number = ((date.Month - 1) / 3) + 1;
                    width = 0;
                    break;
                case "RM":
                {
                    string roman = s_roman[date.Month - 1];
                    roman = node.Fill ? roman : roman.PadRight(4);
                    output.Append(node.Letters == LetterCase.Lower ? roman.ToLowerInvariant() : roman);
                    continue;
                }

                case "TZ":
                {
                    string zone = !zoned ? "" : utc ? "UTC" : Offset(offsetSeconds, minutesAlways: false);
                    output.Append(node.Letters == LetterCase.Lower ? zone.ToLowerInvariant() : zone);
                    continue;
                }

                case "OF":
                    output.Append(Offset(offsetSeconds, minutesAlways: false));
                    continue;
                case "TZH":
                    output.Append(offsetSeconds < 0 ? '-' : '+').Append((Math.Abs(offsetSeconds) / 3600).ToString("D2", CultureInfo.InvariantCulture));
                    continue;
                default:
                    // TZM.
                    output.Append((Math.Abs(offsetSeconds) / 60 % 60).ToString("D2", CultureInfo.InvariantCulture));
                    continue;
            }

            AppendNumber(output, number, node.Fill ? 0 : width);
            if (node.Ordinal != 0)
            {
                string suffix = Ordinal(number);
                output.Append(node.Ordinal == 1 ? suffix.ToUpperInvariant() : suffix);
            }
        }
    }

    /// <summary>Appends <paramref name="number"/> in decimal, zero-padded to <paramref name="width"/> digits, without allocating.</summary>
    private static void AppendNumber(StringBuilder output, long number, int width)
    {
        if (number < 0)
        {
            output.Append('-');
            number = -number;
        }

        Span<char> digits = stackalloc char[20];
        int n = 0;
        do
        {
            digits[n++] = (char)('0' + (number % 10));
            number /= 10;
        }
        while (number > 0);
        output.Append('0', Math.Max(0, width - n));
        for (int i = n - 1; i >= 0; i--)
        {
            output.Append(digits[i]);
        }
    }

    /// <summary>Whether <paramref name="text"/> has <paramref name="word"/> at <paramref name="at"/>, ignoring case.</summary>
    private static bool Is(string text, int at, string word) => string.Compare(text, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0 && at + word.Length <= text.Length;

    /// <summary>The pattern at <paramref name="at"/>, or null.</summary>
    private static string? Match(string text, int at)
    {
        foreach (string pattern in s_patterns)
        {
            if (Is(text, at, pattern))
            {
                return pattern;
            }
        }

        return null;
    }

    /// <summary>ISO day of the week, Monday 1 … Sunday 7.</summary>
    private static int IsoDay(DateTime date) => date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;

    /// <summary>"+HH" or "+HH:MM" (when the offset has minutes).</summary>
    private static string Offset(int seconds, bool minutesAlways)
    {
        int abs = Math.Abs(seconds);
        string text = (seconds < 0 ? "-" : "+") + (abs / 3600).ToString("D2", CultureInfo.InvariantCulture);
        return abs / 60 % 60 != 0 || minutesAlways ? text + ":" + (abs / 60 % 60).ToString("D2", CultureInfo.InvariantCulture) : text;
    }

    /// <summary>A name in the case the pattern was written in, padded to <paramref name="width"/>.</summary>
    private static void AppendName(StringBuilder output, string name, Node node, int width)
    {
        string text = node.Letters switch
        {
            LetterCase.Upper => name.ToUpperInvariant(),
            LetterCase.Lower => name.ToLowerInvariant(),
            _ => name,
        };
        output.Append(text);
        output.Append(' ', Math.Max(0, width - text.Length));
    }

    /// <summary>English ordinal suffix of <paramref name="number"/>.</summary>
    private static string Ordinal(long number)
    {
        long lastTwo = Math.Abs(number) % 100;
        return lastTwo is >= 11 and <= 13 ? "th" : (Math.Abs(number) % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
    }

    /// <summary>How a name pattern was written.</summary>
    private enum LetterCase
    {
        /// <summary>MONTH.</summary>
        Upper,

        /// <summary>Month.</summary>
        Capitalized,

        /// <summary>month.</summary>
        Lower,
    }

    /// <summary>A pattern (with FM, and TH=1 / th=2 ordinal) or literal text.</summary>
    private sealed record Node(string? Pattern, string? Literal, bool Fill, int Ordinal, LetterCase Letters);
}
