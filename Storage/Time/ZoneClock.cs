namespace IOx.Pg.Storage.Time;

/// <summary>
/// Converts between UTC instants and wall-clock times of one <see cref="PgTimeZone"/> over many
/// rows. A mutable struct holding a one-span cache of the zone's offset: time-ordered rows mostly
/// fall into the span of the row before, which skips the zone rule lookup. Keep one per loop (a
/// local), never share it between threads.
/// </summary>
public struct ZoneClock
{
    /// <summary>Nanoseconds per second.</summary>
    private const long NsPerSecond = 1_000_000_000L;

    /// <summary>One day in nanoseconds: PostgreSQL assumes two offset changes are never closer than 48 hours.</summary>
    private const long NsPerDay = 86_400L * NsPerSecond;

    /// <summary>The zone.</summary>
    private readonly PgTimeZone _zone;

    /// <summary>Start of a span of UTC nanoseconds known to have <see cref="_cachedOffset"/>; empty when above <see cref="_cacheEnd"/>.</summary>
    private long _cacheStart;

    /// <summary>End (inclusive) of the cached span.</summary>
    private long _cacheEnd;

    /// <summary>The offset in nanoseconds east of UTC throughout the cached span.</summary>
    private long _cachedOffset;

    /// <summary>A clock for <paramref name="zone"/> with an empty cache.</summary>
    public ZoneClock(PgTimeZone zone)
    {
        _zone = zone;
        _cacheStart = long.MaxValue;
        _cacheEnd = long.MinValue;
        _cachedOffset = zone.TryGetFixedOffset(out int fixedOffset) ? fixedOffset * NsPerSecond : 0;
        if (zone.TryGetFixedOffset(out _))
        {
            _cacheStart = long.MinValue;
            _cacheEnd = long.MaxValue;
        }
    }

    /// <summary>The offset east of UTC, in nanoseconds, at the instant <paramref name="utc"/>.</summary>
    public long OffsetAt(long utc)
    {
        if (utc >= _cacheStart && utc <= _cacheEnd)
        {
            return _cachedOffset;
        }

        long offset = _zone.OffsetAt(utc) * NsPerSecond;
        if (utc <= long.MaxValue - NsPerDay && _zone.OffsetAt(utc + NsPerDay) * NsPerSecond == offset)
        {
            // The same offset a day later: no change in between, changes being at least 48 h apart.
            _cacheStart = utc;
            _cacheEnd = utc + NsPerDay;
            _cachedOffset = offset;
        }

        return offset;
    }

    /// <summary>The wall-clock time of the instant <paramref name="utc"/>.</summary>
    public long ToLocal(long utc) => utc + OffsetAt(utc);

    /// <summary>
    /// The instant whose wall-clock time is <paramref name="local"/>, by PostgreSQL's
    /// DetermineTimeZoneOffset: a time skipped by a spring-forward change takes the offset before
    /// the change (02:30 on 2024-03-31 in Europe/Berlin is 01:30 UTC, shown as 03:30 CEST); a time
    /// repeated by a fall-back change takes the offset after it (the later of the two instants).
    /// </summary>
    public long ToUtc(long local)
    {
        long before = OffsetAt(local >= long.MinValue + NsPerDay ? local - NsPerDay : long.MinValue);
        long after = OffsetAt(local <= long.MaxValue - NsPerDay ? local + NsPerDay : long.MaxValue);
        long beforeTime = local - before;
        if (before == after)
        {
            return beforeTime;
        }

        // A change lies between the probes; an instant "before the boundary" still has the old offset.
        long afterTime = local - after;
        bool beforeTimeIsBefore = OffsetAt(beforeTime) == before;
        bool afterTimeIsBefore = OffsetAt(afterTime) == before;
        if (beforeTimeIsBefore && afterTimeIsBefore)
        {
            return beforeTime;
        }

        if (!beforeTimeIsBefore && !afterTimeIsBefore)
        {
            return afterTime;
        }

        return beforeTime > afterTime ? beforeTime : afterTime;
    }
}
