using IOx.Pg.Executor.Memory;

namespace IOx.Pg.Planner.Engine;

/// <summary>The per-query memory limit: which budget a statement's operators charge.</summary>
public sealed partial class QueryEngine
{
    /// <summary>The session setting that overrides the server's --query-memory-limit.</summary>
    public const string QueryMemoryLimitSetting = "iox.query_memory_limit";

    /// <summary>
    /// Makes a fresh budget, sized by the session's <see cref="QueryMemoryLimitSetting"/> (else the
    /// server default), current on this thread while the statement's operators are built; each
    /// operator keeps it for its run. Dispose the scope once the operator tree is built.
    /// </summary>
    private static QueryMemoryBudget.Scope EnterMemoryBudget(Session session) =>
        QueryMemoryBudget.Enter(new QueryMemoryBudget(QueryMemoryLimitOf(session)));

    /// <summary>The limit in bytes for <paramref name="session"/>'s statements.</summary>
    public static long QueryMemoryLimitOf(Session session) =>
        session.Settings.TryGetValue(QueryMemoryLimitSetting, out string? text) && MemorySize.TryParse(text, out long bytes)
            ? bytes
            : QueryMemoryBudget.ServerDefaultLimit;
}
