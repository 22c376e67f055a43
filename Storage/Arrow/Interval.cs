using System.Runtime.InteropServices;

namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// A SQL interval in Arrow's month-day-nano layout: the three parts are kept apart, as in
/// PostgreSQL, because a month and a day have no fixed length in nanoseconds.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct Interval(int Months, int Days, long Nanoseconds)
{
    /// <summary>The interval as a fixed nanosecond count, counting a day as 24 h and a month as 30 days (PostgreSQL's justify rules).</summary>
    public long ApproximateNanoseconds => ((Months * 30L) + Days) * 86_400_000_000_000L + Nanoseconds;
}
