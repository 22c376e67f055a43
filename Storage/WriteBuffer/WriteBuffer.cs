using System.Collections.Concurrent;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// The in-memory home of written rows: databases, each holding tables, each appending rows into
/// Arrow-layout column builders. Unknown databases and tables are created on first write.
/// Thread-safe.
/// </summary>
public sealed class WriteBuffer
{
    /// <summary>Databases by name (case-sensitive, as in InfluxDB).</summary>
    private readonly ConcurrentDictionary<string, DatabaseBuffer> _databases = new(StringComparer.Ordinal);

    /// <summary>
    /// Retention given to a database this buffer creates (a write to an unknown database); null:
    /// forever. Databases created by CREATE DATABASE or loaded from the catalog have theirs set.
    /// </summary>
    public TimeSpan? DefaultRetention { get; set; }

    /// <summary>The database named <paramref name="name"/>, created (with <see cref="DefaultRetention"/>) when new.</summary>
    public DatabaseBuffer GetOrCreateDatabase(string name) =>
        _databases.GetOrAdd(name, static (n, retention) => new DatabaseBuffer(n) { RetentionPeriod = retention }, DefaultRetention);

    /// <summary>Removes the database named <paramref name="name"/> (DROP DATABASE); false when there is none.</summary>
    public bool TryRemoveDatabase(string name) => _databases.TryRemove(name, out _);

    /// <summary>The database named <paramref name="name"/>, if it exists.</summary>
    public bool TryGetDatabase(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DatabaseBuffer? database) =>
        _databases.TryGetValue(name, out database);

    /// <summary>The names of all databases, sorted.</summary>
    public IReadOnlyList<string> DatabaseNames
    {
        get
        {
            var names = _databases.Keys.ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }
}
