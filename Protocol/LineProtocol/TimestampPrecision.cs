namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>
/// The unit of the timestamps in a line-protocol body. <see cref="Auto"/> (InfluxDB 3) guesses
/// the unit of each timestamp from its magnitude; see <see cref="TimestampPrecisions.ToNanoseconds"/>.
/// </summary>
public enum TimestampPrecision : byte
{
    /// <summary>Nanoseconds (the InfluxDB v1 and v2 default).</summary>
    Nanosecond = 0,
    /// <summary>Microseconds.</summary>
    Microsecond = 1,
    /// <summary>Milliseconds.</summary>
    Millisecond = 2,
    /// <summary>Seconds.</summary>
    Second = 3,
    /// <summary>Minutes (InfluxDB v1 only).</summary>
    Minute = 4,
    /// <summary>Hours (InfluxDB v1 only).</summary>
    Hour = 5,
    /// <summary>Guess per timestamp, as InfluxDB 3 does (the v3 default).</summary>
    Auto = 6,
}
