namespace IOx.Pg.Planner.Engine;

/// <summary>The client sessions of the server this engine serves (pg_stat_activity).</summary>
public sealed partial class QueryEngine
{
    /// <summary>The sessions connected now; the pgwire connections add and remove theirs.</summary>
    public SessionRegistry Sessions { get; } = new();
}
