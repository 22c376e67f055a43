namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// What the write path knows about a run of rows without looking at them again: row count, time
/// range, and whether two of them may share an identity (tag set, time). Mutable, kept under the
/// table lock.
/// </summary>
internal struct TimeStats
{
    /// <summary>Rows noted.</summary>
    public long Rows;

    /// <summary>Smallest time noted (long.MaxValue when none).</summary>
    public long MinTime;

    /// <summary>Largest time noted (long.MinValue when none).</summary>
    public long MaxTime;

    /// <summary>Whether two rows may share (tag set, time); false is a guarantee, true may be a false alarm.</summary>
    public bool MayHaveDuplicates;

    /// <summary>Statistics of no rows.</summary>
    public static TimeStats Empty => new() { MinTime = long.MaxValue, MaxTime = long.MinValue };

    /// <summary>The statistics of this run followed by <paramref name="other"/>: overlapping time ranges may duplicate.</summary>
    public readonly TimeStats Concat(in TimeStats other)
    {
        if (Rows == 0)
        {
            return other;
        }

        if (other.Rows == 0)
        {
            return this;
        }

        return new TimeStats
        {
            Rows = Rows + other.Rows,
            MinTime = Math.Min(MinTime, other.MinTime),
            MaxTime = Math.Max(MaxTime, other.MaxTime),
            MayHaveDuplicates = MayHaveDuplicates || other.MayHaveDuplicates || (other.MinTime <= MaxTime && other.MaxTime >= MinTime),
        };
    }
}
