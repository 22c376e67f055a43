using System.Globalization;

namespace IOx.Pg.Executor.Memory;

/// <summary>
/// Memory sizes as PostgreSQL writes them for memory settings: an integer with an optional unit
/// B, kB, MB, GB or TB (units are powers of 1024, case-sensitive as in PostgreSQL; a bare number
/// is kB, as for work_mem). Surrounding spaces and a space before the unit are allowed.
/// </summary>
public static class MemorySize
{
    /// <summary>Parses <paramref name="text"/> into bytes; false when it is not a positive size.</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        int digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            return false;
        }

        long unit;
        switch (span[digits..].TrimStart())
        {
            case "":
            case "kB":
                unit = 1L << 10;
                break;
            case "B":
                unit = 1;
                break;
            case "MB":
                unit = 1L << 20;
                break;
            case "GB":
                unit = 1L << 30;
                break;
            case "TB":
                unit = 1L << 40;
                break;
            default:
                return false;
        }

        if (number <= 0 || number > long.MaxValue / unit)
        {
            return false;
        }

        bytes = number * unit;
        return true;
    }

    /// <summary>The largest whole unit that divides <paramref name="bytes"/> exactly ("64MB", "1GB", "1500kB", "7B"), as SHOW prints memory settings.</summary>
    public static string Format(long bytes)
    {
        ReadOnlySpan<string> units = ["TB", "GB", "MB", "kB"];
        for (int i = 0; i < units.Length; i++)
        {
            long unit = 1L << (10 * (4 - i));
            if (bytes >= unit && bytes % unit == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{bytes / unit}{units[i]}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes}B");
    }
}
