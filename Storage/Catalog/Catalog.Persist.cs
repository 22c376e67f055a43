using Microsoft.Data.Sqlite;

namespace IOx.Pg.Storage.Catalog;

/// <summary>
/// The commit of a persist: every file of one cut of the write buffer and the WAL sequence the cut
/// covers, in one transaction, so that after a crash the catalog either names all the cut's files
/// and says their WAL records need no replay, or names none of them and replay restores the rows.
/// </summary>
public sealed partial class Catalog
{
    /// <summary>
    /// The last WAL sequence whose records are all in recorded files (0 when nothing was
    /// persisted): start-up replays only the records after it.
    /// </summary>
    public ulong GetPersistedWalSequence()
    {
        using SqliteConnection connection = OpenConnection();
        object? value = Scalar(connection, null, "SELECT wal_sequence FROM persist_state WHERE id = 1");
        return value is long sequence ? (ulong)sequence : 0;
    }

    /// <summary>
    /// Records every file of a persist and the WAL sequence it covers, in one transaction: all or
    /// nothing. The sequence never goes back (a smaller one than recorded is an error: it would
    /// make start-up replay records whose rows are already in files). Returns the recorded files
    /// per table, in the order given.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<CatalogFile>> CommitPersist(IReadOnlyList<PersistedTableFiles> tables, ulong walSequence)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(walSequence, (ulong)long.MaxValue);
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        var result = new List<IReadOnlyList<CatalogFile>>(tables.Count);
        foreach (PersistedTableFiles table in tables)
        {
            result.Add(InsertFiles(connection, transaction, table.TableId, table.Files));
        }

        object? current = Scalar(connection, transaction, "SELECT wal_sequence FROM persist_state WHERE id = 1");
        if (current is long recorded && (ulong)recorded > walSequence)
        {
            throw new CatalogException($"persist covers WAL sequence {walSequence}, but sequence {recorded} was already persisted");
        }

        using (SqliteCommand upsert = Command(
            connection,
            transaction,
            "INSERT INTO persist_state (id, wal_sequence, persisted_at_ns) VALUES (1, $s, $now) ON CONFLICT (id) DO UPDATE SET wal_sequence = excluded.wal_sequence, persisted_at_ns = excluded.persisted_at_ns"))
        {
            upsert.Parameters.AddWithValue("$s", (long)walSequence);
            upsert.Parameters.AddWithValue("$now", NowNanoseconds());
            upsert.ExecuteNonQuery();
        }

        transaction.Commit();
        return result;
    }

    /// <summary>Every object key the catalog names (live files, files awaiting deletion, objects of dropped tables): what an orphan sweep must keep.</summary>
    public IReadOnlySet<string> ListAllObjectKeys()
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = Command(connection, null, "SELECT object_key FROM parquet_files UNION ALL SELECT object_key FROM dropped_objects");
        using SqliteDataReader reader = command.ExecuteReader();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
