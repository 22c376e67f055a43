namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// PostgreSQL's unit names (datetime.c's deltatktbl plus the special "epoch" and "julian"):
/// matched case-insensitively after truncating to TOKMAXLEN (10) characters, which is why
/// "microseconds" and "milliseconds" match as "microsecon" and "millisecon".
/// </summary>
public static class TimeUnits
{
    /// <summary>PostgreSQL's token length limit for unit lookup.</summary>
    private const int TokenMaxLength = 10;

    /// <summary>Every accepted spelling and its unit.</summary>
    private static readonly Dictionary<string, TimeUnit> s_units = new(StringComparer.Ordinal)
    {
        ["c"] = TimeUnit.Century, ["cent"] = TimeUnit.Century, ["centuries"] = TimeUnit.Century, ["century"] = TimeUnit.Century,
        ["d"] = TimeUnit.Day, ["day"] = TimeUnit.Day, ["days"] = TimeUnit.Day,
        ["dec"] = TimeUnit.Decade, ["decade"] = TimeUnit.Decade, ["decades"] = TimeUnit.Decade, ["decs"] = TimeUnit.Decade,
        ["dow"] = TimeUnit.DayOfWeek, ["doy"] = TimeUnit.DayOfYear, ["isodow"] = TimeUnit.IsoDayOfWeek, ["isoyear"] = TimeUnit.IsoYear,
        ["epoch"] = TimeUnit.Epoch, ["j"] = TimeUnit.Julian, ["julian"] = TimeUnit.Julian, ["jd"] = TimeUnit.Julian,
        ["h"] = TimeUnit.Hour, ["hour"] = TimeUnit.Hour, ["hours"] = TimeUnit.Hour, ["hr"] = TimeUnit.Hour, ["hrs"] = TimeUnit.Hour,
        ["m"] = TimeUnit.Minute, ["min"] = TimeUnit.Minute, ["mins"] = TimeUnit.Minute, ["minute"] = TimeUnit.Minute, ["minutes"] = TimeUnit.Minute,
        ["microsecon"] = TimeUnit.Microseconds, ["us"] = TimeUnit.Microseconds, ["usec"] = TimeUnit.Microseconds, ["usecond"] = TimeUnit.Microseconds,
        ["useconds"] = TimeUnit.Microseconds, ["usecs"] = TimeUnit.Microseconds,
        ["mil"] = TimeUnit.Millennium, ["millennia"] = TimeUnit.Millennium, ["millennium"] = TimeUnit.Millennium, ["mils"] = TimeUnit.Millennium,
        ["millisecon"] = TimeUnit.Milliseconds, ["ms"] = TimeUnit.Milliseconds, ["msec"] = TimeUnit.Milliseconds, ["msecond"] = TimeUnit.Milliseconds,
        ["mseconds"] = TimeUnit.Milliseconds, ["msecs"] = TimeUnit.Milliseconds,
        ["mon"] = TimeUnit.Month, ["mons"] = TimeUnit.Month, ["month"] = TimeUnit.Month, ["months"] = TimeUnit.Month,
        ["qtr"] = TimeUnit.Quarter, ["quarter"] = TimeUnit.Quarter,
        ["s"] = TimeUnit.Second, ["sec"] = TimeUnit.Second, ["second"] = TimeUnit.Second, ["seconds"] = TimeUnit.Second, ["secs"] = TimeUnit.Second,
        ["timezone"] = TimeUnit.Timezone, ["timezone_h"] = TimeUnit.TimezoneHour, ["timezone_m"] = TimeUnit.TimezoneMinute,
        ["w"] = TimeUnit.Week, ["week"] = TimeUnit.Week, ["weeks"] = TimeUnit.Week,
        ["y"] = TimeUnit.Year, ["year"] = TimeUnit.Year, ["years"] = TimeUnit.Year, ["yr"] = TimeUnit.Year, ["yrs"] = TimeUnit.Year,
    };

    /// <summary>Looks a unit name up as PostgreSQL does (lower-cased, first 10 characters).</summary>
    public static bool TryParse(string text, out TimeUnit unit)
    {
        string key = text.ToLowerInvariant();
        if (key.Length > TokenMaxLength)
        {
            key = key[..TokenMaxLength];
        }

        return s_units.TryGetValue(key, out unit);
    }
}
