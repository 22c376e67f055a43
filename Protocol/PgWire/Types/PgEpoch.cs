namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>PostgreSQL's binary date/time values count from 2000-01-01 (UTC); IOx.Pg's from 1970-01-01.</summary>
public static class PgEpoch
{
    /// <summary>Days from 1970-01-01 to 2000-01-01.</summary>
    public const int DaysFromUnixEpoch = 10957;

    /// <summary>Microseconds from 1970-01-01 to 2000-01-01.</summary>
    public const long MicrosecondsFromUnixEpoch = DaysFromUnixEpoch * 86_400_000_000L;

    /// <summary>Unix nanoseconds to Unix microseconds, rounding toward negative infinity (a time is never moved later).</summary>
    public static long FloorMicroseconds(long nanoseconds)
    {
        long micros = nanoseconds / 1000L;
        return nanoseconds % 1000L < 0 ? micros - 1 : micros;
    }

    /// <summary>An interval's nanoseconds as microseconds, truncated toward zero (so a negation prints as the negated text).</summary>
    public static long TruncateMicroseconds(long nanoseconds) => nanoseconds / 1000L;
}
