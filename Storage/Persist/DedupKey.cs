namespace IOx.Pg.Storage.Persist;

/// <summary>
/// The sort key of one input row in <see cref="DedupKernel"/>: partition day (0 when not
/// partitioning), series rank (the tag values in the fixed tag order, ranked bytewise, null
/// first), time, then the row's position in write order. The last part makes the unstable
/// array sort stable, so that inside a run of equal (day, series, time) the rows stay in write order.
/// </summary>
internal readonly struct DedupKey : IComparable<DedupKey>
{
    /// <summary>Days since the epoch of the row's time (UTC), or 0.</summary>
    public readonly long Day;

    /// <summary>Rank of the row's tag set among the distinct tag sets of the input.</summary>
    public readonly int Series;

    /// <summary>Position of the row in the input (write order).</summary>
    public readonly int Row;

    /// <summary>The row's time in nanoseconds.</summary>
    public readonly long Time;

    /// <summary>Creates a key.</summary>
    public DedupKey(long day, int series, long time, int row)
    {
        Day = day;
        Series = series;
        Time = time;
        Row = row;
    }

    /// <summary>Whether <paramref name="other"/> is the same row identity (day, series, time).</summary>
    public bool SameIdentity(in DedupKey other) => Series == other.Series && Time == other.Time && Day == other.Day;

    /// <inheritdoc/>
    public int CompareTo(DedupKey other)
    {
        int c = Day.CompareTo(other.Day);
        if (c != 0)
        {
            return c;
        }

        c = Series.CompareTo(other.Series);
        if (c != 0)
        {
            return c;
        }

        c = Time.CompareTo(other.Time);
        return c != 0 ? c : Row.CompareTo(other.Row);
    }
}
