namespace IOx.Pg.Executor.Values;

/// <summary>
/// The session time zone that timestamptz text input without an explicit offset is read in
/// ('2024-01-01 00:00' after <c>SET TimeZone = 'Europe/Berlin'</c> is 23:00 UTC the day before).
/// The binder sets it for the statement it binds, on its own thread (binding is synchronous), so
/// the static text parsers reached from literal coercion see it without threading a session through
/// every call. Null means UTC.
/// </summary>
public static class InputTimeZone
{
    /// <summary>The zone of the statement being bound on this thread; null = UTC.</summary>
    [ThreadStatic]
    private static TimeZoneInfo? t_zone;

    /// <summary>The setting in force (null = UTC), so an operator planned now can re-enter it while batches stream.</summary>
    [ThreadStatic]
    private static string? t_setting;

    /// <summary>The name of the zone when it could not be resolved; text input without an offset is then refused (0A000).</summary>
    [ThreadStatic]
    private static string? t_unresolved;

    /// <summary>Sets the zone named by the session's TimeZone setting for this thread; dispose the scope to restore the previous one.</summary>
    public static Scope Enter(string? setting)
    {
        var scope = new Scope(t_zone, t_unresolved, t_setting);
        t_zone = null;
        t_unresolved = null;
        t_setting = null;
        if (!string.IsNullOrEmpty(setting) && !IsUtc(setting))
        {
            t_setting = setting;
            if (TimeZoneInfo.TryFindSystemTimeZoneById(setting, out TimeZoneInfo? zone))
            {
                t_zone = zone;
            }
            else
            {
                t_unresolved = setting;
            }
        }

        return scope;
    }

    /// <summary>The TimeZone setting in force on this thread, null for UTC.</summary>
    public static string? CurrentSetting => t_setting;

    /// <summary>Converts wall-clock nanoseconds in the current input zone to UTC nanoseconds.</summary>
    public static long ToUtc(long localNanoseconds, string text)
    {
        if (t_unresolved is not null)
        {
            throw Storage.Errors.SqlException.NotSupported(
                $"timestamptz input without an explicit offset (\"{text}\") in time zone \"{t_unresolved}\"");
        }

        if (t_zone is null)
        {
            return localNanoseconds;
        }

        // DateTime ticks are 100 ns from 0001-01-01; GetUtcOffset of an Unspecified time reads it as local to the zone.
        long ticks = (localNanoseconds / 100) + DateTime.UnixEpoch.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return localNanoseconds;
        }

        TimeSpan offset = t_zone.GetUtcOffset(new DateTime(ticks, DateTimeKind.Unspecified));
        return localNanoseconds - (offset.Ticks * 100);
    }

    /// <summary>Zone names that mean UTC.</summary>
    private static bool IsUtc(string setting) =>
        setting.Equals("UTC", StringComparison.OrdinalIgnoreCase)
        || setting.Equals("Etc/UTC", StringComparison.OrdinalIgnoreCase)
        || setting.Equals("GMT", StringComparison.OrdinalIgnoreCase)
        || setting.Equals("Etc/GMT", StringComparison.OrdinalIgnoreCase)
        || setting.Equals("Z", StringComparison.OrdinalIgnoreCase)
        || setting.Equals("Zulu", StringComparison.OrdinalIgnoreCase)
        || setting.Equals("UCT", StringComparison.OrdinalIgnoreCase)
        || setting is "0" or "+0" or "-0" or "+00" or "-00" or "+00:00" or "-00:00";

    /// <summary>Restores the previous zone when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        /// <summary>The zone to restore.</summary>
        private readonly TimeZoneInfo? _previous;

        /// <summary>The unresolved name to restore.</summary>
        private readonly string? _previousUnresolved;

        /// <summary>The setting to restore.</summary>
        private readonly string? _previousSetting;

        /// <summary>Remembers what to restore.</summary>
        internal Scope(TimeZoneInfo? previous, string? previousUnresolved, string? previousSetting)
        {
            _previous = previous;
            _previousUnresolved = previousUnresolved;
            _previousSetting = previousSetting;
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            t_zone = _previous;
            t_unresolved = _previousUnresolved;
            t_setting = _previousSetting;
        }
    }
}
