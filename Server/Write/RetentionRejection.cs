using System.Globalization;
using System.Text;

namespace IOx.Pg.Server.Write;

/// <summary>
/// Why a line older than its database's retention cutoff is refused. The wording follows InfluxDB 3
/// ("data in table t is outside of the retention period: minimum acceptable timestamp is ..., but
/// observed timestamp ... is older"); the line is reported like any other bad line (HTTP 400 naming
/// it, the request's other lines stored when partial writes are accepted).
/// </summary>
internal static class RetentionRejection
{
    /// <summary>The reason for one line; only built on the rejection path.</summary>
    public static string Message(ReadOnlySpan<byte> measurement, long cutoff, long timestamp) =>
        $"data in table {Encoding.UTF8.GetString(measurement)} is outside of the retention period: minimum acceptable timestamp is {Format(cutoff)}, but observed timestamp {Format(timestamp)} is older";

    /// <summary>RFC 3339 with nanoseconds, UTC.</summary>
    private static string Format(long nanoseconds)
    {
        long ticks = Math.DivRem(nanoseconds, 100, out long rest);
        if (rest < 0)
        {
            ticks--;
            rest += 100;
        }

        var time = DateTime.UnixEpoch.AddTicks(ticks);
        long fraction = ((time.Ticks % TimeSpan.TicksPerSecond) * 100) + rest;
        return time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + fraction.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }
}
