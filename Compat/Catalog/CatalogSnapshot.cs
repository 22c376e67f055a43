using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// What the catalog relations describe, read once when a statement names one: the session's
/// database and user, its tables (name, OIDs, schema as of now) in OID order, and every
/// database. Schemas only grow, so a snapshot never names a column that does not exist.
/// </summary>
internal sealed class CatalogSnapshot
{
    /// <summary>Reads the facts from <paramref name="storage"/> for <paramref name="session"/>.</summary>
    public CatalogSnapshot(Session session, WriteBuffer storage, ObjectIds ids)
    {
        Session = session;
        var tables = new List<UserTable>();
        if (storage.TryGetDatabase(session.Database, out DatabaseBuffer? database))
        {
            IReadOnlyList<string> names = database.TableNames;
            long[] oids = ids.TableOids(session.Database, names);
            for (int i = 0; i < names.Count; i++)
            {
                if (database.TryGetTable(names[i], out TableBuffer? table))
                {
                    tables.Add(new UserTable(names[i], oids[i], table.Schema));
                }
            }

            tables.Sort(static (a, b) => a.Oid.CompareTo(b.Oid));
        }

        Tables = tables;
        var databases = new List<(string, long)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in storage.DatabaseNames)
        {
            seen.Add(name);
            databases.Add((name, ids.DatabaseOid(name)));
        }

        if (!seen.Contains(session.Database))
        {
            // Connecting to a database nothing was written to yet: it exists for the session.
            databases.Add((session.Database, ids.DatabaseOid(session.Database)));
        }

        databases.Sort(static (a, b) => a.Item2.CompareTo(b.Item2));
        Databases = databases;
    }

    /// <summary>The session (database, user, search_path).</summary>
    public Session Session { get; }

    /// <summary>The session database's tables, in OID order.</summary>
    public IReadOnlyList<UserTable> Tables { get; }

    /// <summary>Every database with its OID, in OID order.</summary>
    public IReadOnlyList<(string Name, long Oid)> Databases { get; }

    /// <summary>The table with relation OID <paramref name="oid"/>, or null.</summary>
    public UserTable? TableByOid(long oid)
    {
        foreach (UserTable table in Tables)
        {
            if (table.Oid == oid)
            {
                return table;
            }
        }

        return null;
    }

    /// <summary>The table named <paramref name="name"/>, or null.</summary>
    public UserTable? TableByName(string name)
    {
        foreach (UserTable table in Tables)
        {
            if (table.Name == name)
            {
                return table;
            }
        }

        return null;
    }
}
