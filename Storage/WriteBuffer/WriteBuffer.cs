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

    /// <summary>The database named <paramref name="name"/>, created when new.</summary>
    public DatabaseBuffer GetOrCreateDatabase(string name) => _databases.GetOrAdd(name, static n => new DatabaseBuffer(n));

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
