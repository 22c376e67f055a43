using System.Globalization;
using System.Text;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Compat.Settings;

/// <summary>
/// Checks a new value of a setting and gives its canonical text (what SHOW prints afterwards),
/// with PostgreSQL's messages for values it refuses (guc.c parse_and_validate_value). Time zone
/// names are checked by a resolver the server supplies (it owns the zone rules used for output).
/// </summary>
public sealed class SettingValueParser
{
    /// <summary>Time units for integer settings whose base unit is ms, largest first (as SHOW picks them).</summary>
    private static readonly (string Unit, long Ms)[] s_timeUnits = [("d", 86_400_000), ("h", 3_600_000), ("min", 60_000), ("s", 1000), ("ms", 1)];

    /// <summary>Encoding names PostgreSQL knows besides UTF8 (refused with 0A000: this server speaks only UTF-8).</summary>
    private static readonly HashSet<string> s_otherEncodings = new(StringComparer.OrdinalIgnoreCase)
    {
        "sqlascii", "latin1", "latin2", "latin3", "latin4", "latin5", "latin6", "latin7", "latin8", "latin9", "latin10",
        "win1250", "win1251", "win1252", "win1253", "win1254", "win1255", "win1256", "win1257", "win1258", "win866", "win874",
        "koi8r", "koi8u", "eucjp", "euccn", "euckr", "euctw", "eucjis2004", "sjis", "big5", "gbk", "uhc", "gb18030", "johab",
        "shiftjis2004", "iso88595", "iso88596", "iso88597", "iso88598", "mulecode", "alt", "win", "unicodefss",
    };

    /// <summary>Locale names accepted for lc_messages/lc_monetary/lc_numeric/lc_time: none changes any output IOx.Pg produces.</summary>
    private static readonly HashSet<string> s_locales = new(StringComparer.Ordinal)
    {
        "", "C", "POSIX", "C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8",
    };

    /// <summary>Whether a TimeZone setting names a zone the server can use.</summary>
    private readonly Func<string, bool> _isKnownTimeZone;

    /// <summary>Creates a parser using <paramref name="isKnownTimeZone"/> to check TimeZone values.</summary>
    public SettingValueParser(Func<string, bool> isKnownTimeZone) => _isKnownTimeZone = isKnownTimeZone;

    /// <summary>The canonical form of <paramref name="value"/> for <paramref name="definition"/>; <paramref name="current"/> is the value now in force.</summary>
    public string Normalize(SettingDefinition definition, string value, string current)
    {
        string name = definition.Name;
        switch (definition.Kind)
        {
            case SettingKind.Boolean:
            {
                if (!TryParseBoolean(value, out bool on))
                {
                    throw new SqlException(SqlState.InvalidParameterValue, $"parameter \"{name}\" requires a Boolean value");
                }

                string text = on ? "on" : "off";
                if (definition.Supported.Count > 0 && !definition.Supported.Contains(text))
                {
                    throw SqlException.NotSupported($"{name} = {text}");
                }

                return text;
            }

            case SettingKind.Integer:
                return NormalizeInteger(definition, value);
            case SettingKind.Enum:
            {
                string lower = value.Trim().ToLowerInvariant();
                if (!definition.Values.Contains(lower))
                {
                    throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"{name}\": \"{value}\"",
                        hint: $"Available values: {string.Join(", ", definition.Values)}.");
                }

                if (definition.Supported.Count > 0 && !definition.Supported.Contains(lower))
                {
                    throw SqlException.NotSupported($"{name} = {lower}");
                }

                return lower;
            }

            default:
                return NormalizeString(definition, value, current);
        }
    }

    /// <summary>PostgreSQL's parse_bool: on/off, true/false, yes/no, 1/0 and unique prefixes of them, any case.</summary>
    public static bool TryParseBoolean(string value, out bool result)
    {
        string v = value.Trim().ToLowerInvariant();
        result = false;
        if (v.Length == 0)
        {
            return false;
        }

        if ("true".StartsWith(v, StringComparison.Ordinal) || "yes".StartsWith(v, StringComparison.Ordinal) || v == "1" || v == "on")
        {
            result = true;
            return true;
        }

        // "o" alone is ambiguous (on/off); "of" and "off" are off.
        return "false".StartsWith(v, StringComparison.Ordinal) || "no".StartsWith(v, StringComparison.Ordinal) || v == "0" || v is "of" or "off";
    }

    /// <summary>Formats a value in ms as SHOW does: the largest unit that divides it ("5s", "90min", "1500ms"), "0" for zero.</summary>
    public static string FormatMilliseconds(long ms)
    {
        if (ms == 0)
        {
            return "0";
        }

        foreach ((string unit, long size) in s_timeUnits)
        {
            if (ms % size == 0)
            {
                return (ms / size).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    /// <summary>An integer setting: a number, with a unit where the setting has one; range-checked.</summary>
    private static string NormalizeInteger(SettingDefinition definition, string value)
    {
        string name = definition.Name;
        string text = value.Trim();
        int split = 0;
        while (split < text.Length && (char.IsAsciiDigit(text[split]) || text[split] is '.' or '-' or '+'))
        {
            split++;
        }

        string number = text[..split];
        string unit = text[split..].Trim();
        if (!double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
        {
            throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"{name}\": \"{value}\"");
        }

        if (unit.Length > 0)
        {
            long? scale = definition.Unit == "ms" ? TimeUnitInMicroseconds(unit) : null;
            if (scale is null)
            {
                throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"{name}\": \"{value}\"",
                    hint: definition.Unit == "ms" ? "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\"." : null);
            }

            amount = amount * scale.Value / 1000.0;
        }
        else if (number.Contains('.', StringComparison.Ordinal) && definition.Unit is null)
        {
            // PostgreSQL rounds a fractional value of a unit-less integer setting too.
            amount = Math.Round(amount, MidpointRounding.AwayFromZero);
        }

        double rounded = Math.Round(amount, MidpointRounding.AwayFromZero);
        if (rounded < definition.Min || rounded > definition.Max)
        {
            string shown = rounded.ToString(CultureInfo.InvariantCulture) + (definition.Unit is null ? string.Empty : " " + definition.Unit);
            throw new SqlException(SqlState.InvalidParameterValue,
                $"{shown} is outside the valid range for parameter \"{name}\" ({definition.Min} .. {definition.Max})");
        }

        long result = (long)rounded;
        return definition.Unit == "ms" ? FormatMilliseconds(result) : result.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A time unit's size in microseconds, or null for an unknown unit.</summary>
    private static long? TimeUnitInMicroseconds(string unit) => unit switch
    {
        "us" => 1,
        "ms" => 1000,
        "s" => 1_000_000,
        "min" => 60_000_000,
        "h" => 3_600_000_000,
        "d" => 86_400_000_000,
        _ => null,
    };

    /// <summary>A string setting, with the rules of the ones that have any.</summary>
    private string NormalizeString(SettingDefinition definition, string value, string current)
    {
        switch (definition.Name)
        {
            case "TimeZone":
                if (!_isKnownTimeZone(value))
                {
                    throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"TimeZone\": \"{value}\"");
                }

                return value;
            case "DateStyle":
                return DateStyleSetting.Normalize(value, current);
            case "client_encoding":
                return NormalizeEncoding(value);
            case "application_name":
                return CleanApplicationName(value);
            case Planner.Engine.QueryEngine.QueryMemoryLimitSetting:
                if (!Executor.Memory.MemorySize.TryParse(value, out long bytes))
                {
                    throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"{definition.Name}\": \"{value}\"",
                        hint: "A positive size with an optional unit: \"B\", \"kB\", \"MB\", \"GB\" or \"TB\" (no unit: kB).");
                }

                return Executor.Memory.MemorySize.Format(bytes);
            case "lc_messages" or "lc_monetary" or "lc_numeric" or "lc_time":
                if (!s_locales.Contains(value))
                {
                    throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"{definition.Name}\": \"{value}\"");
                }

                return value;
            default:
                return value;
        }
    }

    /// <summary>client_encoding: UTF8 under any of its spellings (PostgreSQL ignores case and punctuation); other known encodings 0A000.</summary>
    private static string NormalizeEncoding(string value)
    {
        var key = new StringBuilder();
        foreach (char c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        string k = key.ToString();
        if (k is "utf8" or "unicode")
        {
            return "UTF8";
        }

        if (s_otherEncodings.Contains(k) || k.StartsWith("iso8859", StringComparison.Ordinal) || k.StartsWith("windows", StringComparison.Ordinal))
        {
            throw SqlException.NotSupported($"client_encoding \"{value}\" (this server speaks only UTF8)");
        }

        throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"client_encoding\": \"{value}\"");
    }

    /// <summary>application_name as PostgreSQL keeps it: each byte outside printable ASCII becomes '?', at most 63 bytes.</summary>
    private static string CleanApplicationName(string value)
    {
        var clean = new StringBuilder(value.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            if (clean.Length == 63)
            {
                break;
            }

            clean.Append(b is >= 32 and <= 126 ? (char)b : '?');
        }

        return clean.ToString();
    }
}
