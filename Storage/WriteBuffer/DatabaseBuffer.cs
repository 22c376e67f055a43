using System.Collections.Concurrent;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>One database's tables (InfluxDB measurements). Thread-safe.</summary>
public sealed class DatabaseBuffer
{
    /// <summary>Tables by name (case-sensitive).</summary>
    private readonly ConcurrentDictionary<string, TableBuffer> _tables = new(StringComparer.Ordinal);

    /// <summary>The retention period in ticks, 0 for none; one word so readers on other threads never see it torn.</summary>
    private long _retentionTicks;

    /// <summary>Creates an empty database.</summary>
    public DatabaseBuffer(string name) => Name = name;

    /// <summary>The database name.</summary>
    public string Name { get; }

    /// <summary>
    /// How long the database keeps data (null: forever). Rows older than now minus this are
    /// invisible to queries, refused by writes and removed from storage by the retention pass.
    /// </summary>
    public TimeSpan? RetentionPeriod
    {
        get
        {
            long ticks = Volatile.Read(ref _retentionTicks);
            return ticks == 0 ? null : TimeSpan.FromTicks(ticks);
        }

        set
        {
            if (value is { } period && period <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), period, "a retention period is positive");
            }

            Volatile.Write(ref _retentionTicks, value?.Ticks ?? 0);
        }
    }

    /// <summary>Removes the table named <paramref name="name"/> (DROP TABLE); false when there is none.</summary>
    public bool TryRemoveTable(string name) => _tables.TryRemove(name, out _);

    /// <summary>
    /// The oldest time (ns since the epoch) still retained at <paramref name="nowNanoseconds"/>, or
    /// <see cref="long.MinValue"/> without retention: rows with time below it have expired.
    /// </summary>
    public long RetentionCutoff(long nowNanoseconds)
    {
        if (RetentionPeriod is not { } period)
        {
            return long.MinValue;
        }

        long span = period.Ticks > long.MaxValue / 100 ? long.MaxValue : period.Ticks * 100;
        return nowNanoseconds < long.MinValue + span ? long.MinValue : nowNanoseconds - span;
    }

    /// <summary>The table named <paramref name="name"/>, created when new.</summary>
    public TableBuffer GetOrCreateTable(string name) => _tables.GetOrAdd(name, static n => new TableBuffer(n));

    /// <summary>The table named <paramref name="name"/>, if it exists.</summary>
    public bool TryGetTable(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TableBuffer? table) =>
        _tables.TryGetValue(name, out table);

    /// <summary>The names of all tables, sorted.</summary>
    public IReadOnlyList<string> TableNames
    {
        get
        {
            var names = _tables.Keys.ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }
}
