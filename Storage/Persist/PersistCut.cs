using IOx.Pg.Storage.WriteBuffer;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Storage.Persist;

/// <summary>
/// What a persist writes: every table's rows up to one moment, and the WAL sequence of the last
/// record applied by then. The caller makes the moment exact by holding off writers while
/// <see cref="Seal"/> runs (so the sealed rows are exactly the WAL records up to
/// <see cref="WalSequence"/>).
/// </summary>
/// <param name="WalSequence">The last WAL sequence whose rows are sealed (0: none ever logged).</param>
/// <param name="Databases">Every database name at the cut (so empty databases survive WAL trimming).</param>
/// <param name="Tables">The sealed tables that hold rows or columns the catalog lacks.</param>
public sealed record PersistCut(ulong WalSequence, IReadOnlyList<string> Databases, IReadOnlyList<SealedTable> Tables)
{
    /// <summary>Seals every table of <paramref name="buffer"/>; the caller keeps writers out meanwhile.</summary>
    public static PersistCut Seal(StorageBuffer buffer, ulong walSequence)
    {
        var tables = new List<SealedTable>();
        IReadOnlyList<string> databases = buffer.DatabaseNames;
        foreach (string name in databases)
        {
            if (!buffer.TryGetDatabase(name, out DatabaseBuffer? database))
            {
                continue;
            }

            foreach (string tableName in database.TableNames)
            {
                if (database.TryGetTable(tableName, out TableBuffer? table))
                {
                    var batches = table.Seal(out Arrow.Schema schema);
                    // A table without rows is kept when the catalog lacks its columns: once the WAL is
                    // trimmed, the catalog is what remembers it.
                    if (batches.Count > 0 || table.CatalogState.Columns < schema.Count)
                    {
                        tables.Add(new SealedTable(name, table, schema, batches));
                    }
                }
            }
        }

        return new PersistCut(walSequence, databases, tables);
    }
}
