namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// The OIDs of user objects, kept in memory for the life of the server: each database and each
/// table gets one the first time a catalog query sees it, from a counter starting at
/// <see cref="FirstUserOid"/> (PostgreSQL's first OID for user objects), tables per database.
/// A table takes two consecutive OIDs: its pg_class row, then its row type in pg_type. Tables
/// first seen together are numbered in name order. Invariant: an OID once given never changes
/// while the server runs. Thread-safe.
/// </summary>
public sealed class ObjectIds
{
    /// <summary>PostgreSQL's FirstNormalObjectId: OIDs below it belong to the system.</summary>
    public const long FirstUserOid = 16384;

    /// <summary>Guards every field below.</summary>
    private readonly Lock _lock = new();

    /// <summary>Per database: table name → relation OID.</summary>
    private readonly Dictionary<string, Dictionary<string, long>> _tables = new(StringComparer.Ordinal);

    /// <summary>Database name → OID.</summary>
    private readonly Dictionary<string, long> _databases = new(StringComparer.Ordinal);

    /// <summary>The next database OID.</summary>
    private long _nextDatabase = FirstUserOid;

    /// <summary>The relation OIDs of <paramref name="tableNames"/> (sorted by name) in <paramref name="database"/>, assigning new ones.</summary>
    public long[] TableOids(string database, IReadOnlyList<string> tableNames)
    {
        var oids = new long[tableNames.Count];
        lock (_lock)
        {
            if (!_tables.TryGetValue(database, out Dictionary<string, long>? known))
            {
                known = new Dictionary<string, long>(StringComparer.Ordinal);
                _tables.Add(database, known);
            }

            for (int i = 0; i < oids.Length; i++)
            {
                if (!known.TryGetValue(tableNames[i], out long oid))
                {
                    oid = FirstUserOid + (2L * known.Count);
                    known.Add(tableNames[i], oid);
                }

                oids[i] = oid;
            }
        }

        return oids;
    }

    /// <summary>The OID of <paramref name="database"/>, assigning one on first sight.</summary>
    public long DatabaseOid(string database)
    {
        lock (_lock)
        {
            if (!_databases.TryGetValue(database, out long oid))
            {
                oid = _nextDatabase++;
                _databases.Add(database, oid);
            }

            return oid;
        }
    }
}
