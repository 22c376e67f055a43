using System.Globalization;
using IOx.Pg.Storage.Errors;
using Microsoft.Data.Sqlite;

namespace IOx.Pg.Storage.Catalog;

/// <summary>
/// The life cycle of databases and tables: creation with a retention period, DROP TABLE and DROP
/// DATABASE (each one transaction: rows gone, objects handed to the sweeper, a WAL marker for
/// replay), and expiry of whole partitions past a retention cutoff.
/// </summary>
public sealed partial class Catalog
{
    /// <summary>
    /// CREATE DATABASE: a new database with <paramref name="retentionPeriod"/> (null: forever).
    /// Throws <see cref="SqlException"/> 42P04 when it exists, 22023 for a period that is not positive.
    /// </summary>
    public CatalogDatabase CreateDatabase(string name, TimeSpan? retentionPeriod)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ValidateRetention(retentionPeriod);
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        if (FindDatabase(connection, transaction, name) is not null)
        {
            throw new SqlException(SqlState.DuplicateDatabase, $"database \"{name}\" already exists");
        }

        CatalogDatabase created = InsertDatabase(connection, transaction, name, retentionPeriod);
        transaction.Commit();
        return created;
    }

    /// <summary>The database, created with <paramref name="retentionIfCreated"/> if missing (an existing one keeps its own).</summary>
    public CatalogDatabase GetOrCreateDatabase(string name, TimeSpan? retentionIfCreated)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ValidateRetention(retentionIfCreated);
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        CatalogDatabase database = FindDatabase(connection, transaction, name) ?? InsertDatabase(connection, transaction, name, retentionIfCreated);
        transaction.Commit();
        return database;
    }

    /// <summary>
    /// DROP TABLE, in one transaction: the table's rows (columns, files and their statistics,
    /// deletes) are removed, its objects are handed to the sweeper (deleted after
    /// <paramref name="gracePeriod"/>, so queries already reading them finish), and a
    /// <see cref="DropMarker"/> at <paramref name="walSequence"/> is recorded even when the catalog
    /// never knew the table (its rows may all be in the WAL). Returns whether the catalog had it.
    /// </summary>
    public bool DropTable(string database, string table, ulong walSequence, TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        long deleteAt = NowNanoseconds() + (gracePeriod.Ticks * 100);
        bool existed = false;
        if (FindDatabase(connection, transaction, database) is { } db && FindTable(connection, transaction, db.Id, table) is { } found)
        {
            RemoveTable(connection, transaction, found.Id, deleteAt);
            existed = true;
        }

        InsertDropMarker(connection, transaction, database, table, walSequence);
        transaction.Commit();
        return existed;
    }

    /// <summary>
    /// DROP DATABASE, in one transaction: every table as in <see cref="DropTable"/>, then the
    /// database row; one marker for the whole database. Returns whether the catalog had it.
    /// </summary>
    public bool DropDatabase(string database, ulong walSequence, TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        long deleteAt = NowNanoseconds() + (gracePeriod.Ticks * 100);
        bool existed = false;
        if (FindDatabase(connection, transaction, database) is { } db)
        {
            var tableIds = new List<long>();
            using (SqliteCommand tables = Command(connection, transaction, "SELECT id FROM tables WHERE database_id = $d"))
            {
                tables.Parameters.AddWithValue("$d", db.Id);
                using SqliteDataReader reader = tables.ExecuteReader();
                while (reader.Read())
                {
                    tableIds.Add(reader.GetInt64(0));
                }
            }

            foreach (long tableId in tableIds)
            {
                RemoveTable(connection, transaction, tableId, deleteAt);
            }

            using SqliteCommand delete = Command(connection, transaction, "DELETE FROM databases WHERE id = $d");
            delete.Parameters.AddWithValue("$d", db.Id);
            delete.ExecuteNonQuery();
            existed = true;
        }

        InsertDropMarker(connection, transaction, database, null, walSequence);
        transaction.Commit();
        return existed;
    }

    /// <summary>The drop markers after <paramref name="afterSequence"/> (those replay must apply), in WAL then drop order.</summary>
    public IReadOnlyList<DropMarker> ListDropMarkers(ulong afterSequence)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = Command(
            connection,
            null,
            "SELECT id, database_name, table_name, wal_sequence FROM drop_markers WHERE wal_sequence > $s ORDER BY wal_sequence, id");
        command.Parameters.AddWithValue("$s", (long)Math.Min(afterSequence, long.MaxValue));
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<DropMarker>();
        while (reader.Read())
        {
            result.Add(new DropMarker(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), (ulong)reader.GetInt64(3)));
        }

        return result;
    }

    /// <summary>Forgets the markers at or below <paramref name="upToSequence"/>: the persisted state already reflects them and replay skips their records.</summary>
    public int PruneDropMarkers(ulong upToSequence)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = Command(connection, null, "DELETE FROM drop_markers WHERE wal_sequence <= $s");
        command.Parameters.AddWithValue("$s", (long)Math.Min(upToSequence, long.MaxValue));
        return command.ExecuteNonQuery();
    }

    /// <summary>Objects of dropped tables whose grace period has ended: they may be deleted now.</summary>
    public IReadOnlyList<string> ListDroppedObjectsDue()
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = Command(connection, null, "SELECT object_key FROM dropped_objects WHERE to_delete_at_ns <= $now ORDER BY to_delete_at_ns, object_key");
        command.Parameters.AddWithValue("$now", NowNanoseconds());
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    /// <summary>Forgets dropped objects that were deleted from the object store, in one transaction.</summary>
    public void ForgetDroppedObjects(IReadOnlyList<string> objectKeys) =>
        DeleteEach("DELETE FROM dropped_objects WHERE object_key = $v", SqliteType.Text, objectKeys);

    /// <summary>
    /// Retention: marks for deletion (at now + <paramref name="gracePeriod"/>) the live files of a
    /// table whose partition day lies wholly before <paramref name="firstKeptDay"/>, in one
    /// transaction, and returns them. Queries stop listing them at once; the sweeper deletes the
    /// objects once the grace period ends.
    /// </summary>
    public IReadOnlyList<CatalogFile> ExpireFiles(long tableId, DateOnly firstKeptDay, TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using SqliteCommand command = Command(
            connection,
            transaction,
            $"UPDATE parquet_files SET to_delete_at_ns = $at WHERE table_id = $t AND to_delete_at_ns IS NULL AND partition_day < $day RETURNING {FileColumns}");
        command.Parameters.AddWithValue("$at", NowNanoseconds() + (gracePeriod.Ticks * 100));
        command.Parameters.AddWithValue("$t", tableId);
        command.Parameters.AddWithValue("$day", firstKeptDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        List<CatalogFile> expired = ReadFiles(command);
        transaction.Commit();
        return expired;
    }

    /// <summary>22023 for a retention period that is not positive.</summary>
    private static void ValidateRetention(TimeSpan? retentionPeriod)
    {
        if (retentionPeriod is { } period && period <= TimeSpan.Zero)
        {
            throw new SqlException(SqlState.InvalidParameterValue, $"retention period must be positive, got {period}");
        }
    }

    /// <summary>Inserts a database inside the caller's transaction.</summary>
    private CatalogDatabase InsertDatabase(SqliteConnection connection, SqliteTransaction transaction, string name, TimeSpan? retentionPeriod)
    {
        long now = NowNanoseconds();
        using SqliteCommand insert = Command(connection, transaction, "INSERT INTO databases (name, retention_period_ns, created_at_ns) VALUES ($n, $r, $t) RETURNING id");
        insert.Parameters.AddWithValue("$n", name);
        insert.Parameters.AddWithValue("$r", retentionPeriod is { } p ? p.Ticks * 100 : DBNull.Value);
        insert.Parameters.AddWithValue("$t", now);
        return new CatalogDatabase((long)insert.ExecuteScalar()!, name, retentionPeriod, FromNanoseconds(now));
    }

    /// <summary>
    /// Removes a table's rows inside the caller's transaction; its objects (live ones and those
    /// already awaiting deletion, which keep their earlier deadline) move to dropped_objects.
    /// </summary>
    private static void RemoveTable(SqliteConnection connection, SqliteTransaction transaction, long tableId, long deleteAt)
    {
        string[] statements =
        [
            "INSERT OR IGNORE INTO dropped_objects (object_key, to_delete_at_ns) SELECT object_key, coalesce(min(to_delete_at_ns, $at), $at) FROM parquet_files WHERE table_id = $t",
            "DELETE FROM parquet_files WHERE table_id = $t",
            "DELETE FROM deletes WHERE table_id = $t",
            "DELETE FROM columns WHERE table_id = $t",
            "DELETE FROM tables WHERE id = $t",
        ];
        foreach (string sql in statements)
        {
            using SqliteCommand command = Command(connection, transaction, sql);
            command.Parameters.AddWithValue("$t", tableId);
            if (sql.Contains("$at", StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue("$at", deleteAt);
            }

            command.ExecuteNonQuery();
        }
    }

    /// <summary>Records a drop marker inside the caller's transaction.</summary>
    private void InsertDropMarker(SqliteConnection connection, SqliteTransaction transaction, string database, string? table, ulong walSequence)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(walSequence, (ulong)long.MaxValue);
        using SqliteCommand insert = Command(connection, transaction, "INSERT INTO drop_markers (database_name, table_name, wal_sequence, dropped_at_ns) VALUES ($d, $n, $s, $t)");
        insert.Parameters.AddWithValue("$d", database);
        insert.Parameters.AddWithValue("$n", (object?)table ?? DBNull.Value);
        insert.Parameters.AddWithValue("$s", (long)walSequence);
        insert.Parameters.AddWithValue("$t", NowNanoseconds());
        insert.ExecuteNonQuery();
    }
}
