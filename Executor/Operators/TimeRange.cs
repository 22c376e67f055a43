namespace IOx.Pg.Executor.Operators;

/// <summary>An inclusive range of nanosecond timestamps; <see cref="All"/> admits everything.</summary>
public readonly record struct TimeRange(long Min, long Max)
{
    /// <summary>The unbounded range.</summary>
    public static TimeRange All { get; } = new(long.MinValue, long.MaxValue);

    /// <summary>Whether the range is unbounded on both ends.</summary>
    public bool IsAll => Min == long.MinValue && Max == long.MaxValue;

    /// <summary>Whether no timestamp can be in the range.</summary>
    public bool IsEmpty => Min > Max;

    /// <summary>Whether [<paramref name="min"/>, <paramref name="max"/>] overlaps this range.</summary>
    public bool Overlaps(long min, long max) => min <= Max && max >= Min;

    /// <summary>The intersection.</summary>
    public TimeRange Intersect(TimeRange other) => new(Math.Max(Min, other.Min), Math.Min(Max, other.Max));
}
