using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Memory;

/// <summary>
/// The memory one query may retain (iox.query_memory_limit): every operator that holds rows
/// beyond the batch in flight (sort, hash aggregate, hash join build side, window partitions,
/// recursive work tables, DISTINCT ON, the scan's merge of overlapping sources) charges what it
/// keeps through a <see cref="MemoryReservation"/>, per batch and never per row, and releases it
/// when it finishes. Unlike PostgreSQL's work_mem, which each sort or hash may use on its own,
/// the limit is shared by all operators of the query, so a query's total stays under it.
/// Exceeding it ends the statement with 53200; the session goes on.
/// Thread-safe: operators of one query may run on different threads (exchange, subqueries).
/// </summary>
public sealed class QueryMemoryBudget
{
    /// <summary>The server default when no --query-memory-limit is given: 1 GiB.</summary>
    public const long DefaultLimit = 1L << 30;

    /// <summary>A budget without a limit, for operators built outside a query (tests, internal plans).</summary>
    public static readonly QueryMemoryBudget Unlimited = new(long.MaxValue);

    /// <summary>The budget of the query whose operators are being built on this thread, if any.</summary>
    [ThreadStatic]
    private static QueryMemoryBudget? t_current;

    /// <summary>The limit of a query whose session sets none (the server's --query-memory-limit).</summary>
    private static long s_serverDefaultLimit = DefaultLimit;

    /// <summary>Bytes charged and not yet released; changed with Interlocked only.</summary>
    private long _used;

    /// <summary>The most bytes charged at once (for EXPLAIN ANALYZE and tests).</summary>
    private long _peak;

    /// <summary>Creates a budget of <paramref name="limit"/> bytes (positive).</summary>
    public QueryMemoryBudget(long limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Limit = limit;
    }

    /// <summary>
    /// The budget operators built now charge: the one entered on this thread (the query being
    /// planned), else <see cref="Unlimited"/>. Operators read it once, in their constructor, so
    /// batches pulled later on any thread charge the right query.
    /// </summary>
    public static QueryMemoryBudget Current => t_current ?? Unlimited;

    /// <summary>The limit of a query whose session sets none; the server sets it from --query-memory-limit at start.</summary>
    public static long ServerDefaultLimit
    {
        get => Volatile.Read(ref s_serverDefaultLimit);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Volatile.Write(ref s_serverDefaultLimit, value);
        }
    }

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; }

    /// <summary>Bytes currently charged.</summary>
    public long Used => Volatile.Read(ref _used);

    /// <summary>The most bytes charged at any one time.</summary>
    public long Peak => Volatile.Read(ref _peak);

    /// <summary>Makes <paramref name="budget"/> the one operators built on this thread charge; dispose the scope to restore the previous one.</summary>
    public static Scope Enter(QueryMemoryBudget budget)
    {
        var scope = new Scope(t_current);
        t_current = budget;
        return scope;
    }

    /// <summary>
    /// Charges <paramref name="bytes"/> for <paramref name="operatorName"/>; throws 53200 (and charges
    /// nothing) when that would pass the limit.
    /// </summary>
    public void Charge(long bytes, string operatorName)
    {
        if (bytes <= 0 || ReferenceEquals(this, Unlimited))
        {
            return;
        }

        long used = Interlocked.Add(ref _used, bytes);
        if (used > Limit)
        {
            Interlocked.Add(ref _used, -bytes);
            ThrowExceeded(operatorName, used - bytes, bytes);
        }

        long peak = Volatile.Read(ref _peak);
        while (used > peak)
        {
            long seen = Interlocked.CompareExchange(ref _peak, used, peak);
            if (seen == peak)
            {
                break;
            }

            peak = seen;
        }
    }

    /// <summary>Returns <paramref name="bytes"/> charged earlier.</summary>
    public void Release(long bytes)
    {
        if (bytes > 0 && !ReferenceEquals(this, Unlimited))
        {
            Interlocked.Add(ref _used, -bytes);
        }
    }

    /// <summary>The 53200 error: the statement ends, the connection stays.</summary>
    private void ThrowExceeded(string operatorName, long used, long requested) =>
        throw new SqlException(
            SqlState.OutOfMemory,
            "out of memory",
            detail: $"{operatorName} needed {MemorySize.Format(requested)} more with {MemorySize.Format(used)} of the query's {MemorySize.Format(Limit)} limit in use.",
            hint: "Raise iox.query_memory_limit (SET iox.query_memory_limit = '2GB') or make the query keep fewer rows (filter on time, fewer groups, LIMIT).");

    /// <summary>Restores the budget that was current before <see cref="Enter"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        /// <summary>The budget to restore.</summary>
        private readonly QueryMemoryBudget? _previous;

        /// <summary>Remembers <paramref name="previous"/>.</summary>
        internal Scope(QueryMemoryBudget? previous) => _previous = previous;

        /// <inheritdoc/>
        public void Dispose() => t_current = _previous;
    }
}
