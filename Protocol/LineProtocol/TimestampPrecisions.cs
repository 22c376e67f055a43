namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>Parsing of the <c>precision</c> query parameter and conversion of timestamps to nanoseconds.</summary>
public static class TimestampPrecisions
{
    /// <summary>
    /// Parses a precision as any InfluxDB version spells it: v1 <c>n u ms s m h</c> (and <c>ns us</c>),
    /// v2 <c>ns us ms s</c>, v3 <c>nanosecond microsecond millisecond second auto</c>. Case-sensitive,
    /// as InfluxDB is. Returns false for anything else.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TimestampPrecision precision)
    {
        switch (text)
        {
            case "n" or "ns" or "nanosecond":
                precision = TimestampPrecision.Nanosecond;
                return true;
            case "u" or "us" or "µ" or "µs" or "microsecond":
                precision = TimestampPrecision.Microsecond;
                return true;
            case "ms" or "millisecond":
                precision = TimestampPrecision.Millisecond;
                return true;
            case "s" or "second":
                precision = TimestampPrecision.Second;
                return true;
            case "m":
                precision = TimestampPrecision.Minute;
                return true;
            case "h":
                precision = TimestampPrecision.Hour;
                return true;
            case "auto":
                precision = TimestampPrecision.Auto;
                return true;
            default:
                precision = TimestampPrecision.Nanosecond;
                return false;
        }
    }

    /// <summary>Nanoseconds per unit of <paramref name="precision"/> (not <see cref="TimestampPrecision.Auto"/>).</summary>
    public static long NanosecondsPerUnit(TimestampPrecision precision) => precision switch
    {
        TimestampPrecision.Nanosecond => 1,
        TimestampPrecision.Microsecond => 1_000,
        TimestampPrecision.Millisecond => 1_000_000,
        TimestampPrecision.Second => 1_000_000_000,
        TimestampPrecision.Minute => 60_000_000_000,
        TimestampPrecision.Hour => 3_600_000_000_000,
        _ => throw new ArgumentOutOfRangeException(nameof(precision)),
    };

    /// <summary>
    /// The unit InfluxDB 3 guesses for a timestamp under <see cref="TimestampPrecision.Auto"/>: by
    /// |t| / 1e9 below 5 seconds, 5e3 milliseconds, 5e6 microseconds, else nanoseconds. (Correct
    /// for dates between 1970 ± 5e6 s ≈ 58 days and 2128.)
    /// </summary>
    public static TimestampPrecision Guess(long timestamp)
    {
        // |long.MinValue| overflows; it is nanoseconds by any reading.
        long magnitude = timestamp == long.MinValue ? long.MaxValue : Math.Abs(timestamp);
        long value = magnitude / 1_000_000_000;
        if (value < 5)
        {
            return TimestampPrecision.Second;
        }

        if (value < 5_000)
        {
            return TimestampPrecision.Millisecond;
        }

        return value < 5_000_000 ? TimestampPrecision.Microsecond : TimestampPrecision.Nanosecond;
    }

    /// <summary>Converts <paramref name="timestamp"/> in <paramref name="precision"/> to nanoseconds; false on int64 overflow.</summary>
    public static bool TryToNanoseconds(long timestamp, TimestampPrecision precision, out long nanoseconds)
    {
        if (precision == TimestampPrecision.Auto)
        {
            precision = Guess(timestamp);
        }

        long factor = NanosecondsPerUnit(precision);
        long high = Math.BigMul(timestamp, factor, out long low);
        // The product fits in int64 exactly when the high half is the sign extension of the low half.
        if (high != (low >> 63))
        {
            nanoseconds = 0;
            return false;
        }

        nanoseconds = low;
        return true;
    }
}
