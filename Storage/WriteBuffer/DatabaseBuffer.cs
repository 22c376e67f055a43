using System.Collections.Concurrent;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>One database's tables (InfluxDB measurements). Thread-safe.</summary>
public sealed class DatabaseBuffer
{
    /// <summary>Tables by name (case-sensitive).</summary>
    private readonly ConcurrentDictionary<string, TableBuffer> _tables = new(StringComparer.Ordinal);

    /// <summary>Creates an empty database.</summary>
    public DatabaseBuffer(string name) => Name = name;

    /// <summary>The database name.</summary>
    public string Name { get; }

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
