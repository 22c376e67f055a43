using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Compat.Settings;

/// <summary>
/// DateStyle: an output style (ISO, SQL, Postgres, German) and a field order (MDY, DMY, YMD),
/// parsed as PostgreSQL's check_datestyle does: comma- or space-separated keywords, either part
/// may be left out (it keeps its current value), conflicting ones are refused. Only the ISO
/// output style is printed here, so another style is 0A000; the order only affects ambiguous
/// non-ISO date input, which is not accepted anyway, so every order is accepted.
/// </summary>
public static class DateStyleSetting
{
    /// <summary>The canonical value ("ISO, DMY") for <paramref name="value"/>, given the current one.</summary>
    public static string Normalize(string value, string current)
    {
        string? style = null;
        string? order = null;
        string[] words = value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        foreach (string word in words)
        {
            string? newStyle = null;
            string? newOrder = null;
            switch (word.ToUpperInvariant())
            {
                case "ISO":
                    newStyle = "ISO";
                    break;
                case "SQL":
                    newStyle = "SQL";
                    break;
                case "POSTGRES":
                    newStyle = "Postgres";
                    break;
                case "GERMAN":
                    newStyle = "German";
                    break;
                case "YMD":
                    newOrder = "YMD";
                    break;
                case "DMY" or "EURO" or "EUROPEAN":
                    newOrder = "DMY";
                    break;
                case "MDY" or "US" or "NONEURO" or "NONEUROPEAN":
                    newOrder = "MDY";
                    break;
                case "DEFAULT":
                    newStyle = "ISO";
                    newOrder = "MDY";
                    break;
                default:
                    throw Invalid(value, $"Unrecognized key word: \"{word}\".");
            }

            if ((newStyle is not null && style is not null && newStyle != style) || (newOrder is not null && order is not null && newOrder != order))
            {
                throw Invalid(value, "Conflicting \"datestyle\" specifications.");
            }

            style ??= newStyle;
            order ??= newOrder;
        }

        string[] currentParts = current.Split(", ");
        style ??= currentParts[0];
        order ??= currentParts.Length > 1 ? currentParts[1] : "MDY";
        if (style != "ISO")
        {
            throw SqlException.NotSupported($"DateStyle {style} (only ISO output is implemented)");
        }

        return style + ", " + order;
    }

    /// <summary>22023 for a DateStyle PostgreSQL would refuse.</summary>
    private static SqlException Invalid(string value, string detail) =>
        new(SqlState.InvalidParameterValue, $"invalid value for parameter \"DateStyle\": \"{value}\"", detail: detail);
}
