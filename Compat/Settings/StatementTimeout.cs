using System.Globalization;
using IOx.Pg.Planner.Engine;

namespace IOx.Pg.Compat.Settings;

/// <summary>Reads the session's statement_timeout (stored canonical, e.g. "5s", "1500ms", "0") as milliseconds.</summary>
public static class StatementTimeout
{
    /// <summary>The timeout in ms; 0 = none.</summary>
    public static long Milliseconds(Session session)
    {
        if (!session.Settings.TryGetValue("statement_timeout", out string? text) || text == "0")
        {
            return 0;
        }

        int split = 0;
        while (split < text.Length && char.IsAsciiDigit(text[split]))
        {
            split++;
        }

        long amount = long.Parse(text.AsSpan(0, split), NumberStyles.None, CultureInfo.InvariantCulture);
        long unit = text[split..] switch
        {
            "d" => 86_400_000,
            "h" => 3_600_000,
            "min" => 60_000,
            "s" => 1000,
            _ => 1,
        };
        return amount * unit;
    }
}
