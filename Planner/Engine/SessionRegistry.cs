using System.Collections.Concurrent;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// The client sessions connected now, by backend pid (pg_stat_activity's rows). The connection
/// adds its session once startup succeeds and removes it when it closes. Thread-safe.
/// </summary>
public sealed class SessionRegistry
{
    /// <summary>Sessions by pid.</summary>
    private readonly ConcurrentDictionary<int, SessionActivity> _sessions = new();

    /// <summary>Adds <paramref name="activity"/> under its session's pid.</summary>
    public void Add(SessionActivity activity) => _sessions[activity.Session.ProcessId] = activity;

    /// <summary>Removes the session with <paramref name="processId"/>, if present.</summary>
    public void Remove(int processId) => _sessions.TryRemove(processId, out _);

    /// <summary>The sessions now, in pid order.</summary>
    public List<SessionActivity> List()
    {
        var list = new List<SessionActivity>(_sessions.Values);
        list.Sort(static (a, b) => a.Session.ProcessId.CompareTo(b.Session.ProcessId));
        return list;
    }
}
