using Microsoft.Data.Sqlite;

namespace IOx.Pg.Storage.Catalog;

/// <summary>
/// Recorded deletes (tombstones) of a table: each with the WAL sequence it follows and the files it
/// filters (the live files overlapping its range when recorded, in <c>delete_files</c>).
/// </summary>
public sealed partial class Catalog
{
    /// <summary>
    /// Records a delete of the table's rows in [<paramref name="minTime"/>, <paramref name="maxTime"/>]
    /// matching <paramref name="predicate"/>, written up to WAL sequence
    /// <paramref name="walSequence"/>, and, in the same transaction, which files it filters: the
    /// table's live files overlapping the range. The caller keeps persists and compactions out
    /// meanwhile, so the set is the one queries see.
    /// </summary>
    public CatalogDelete AddDelete(long tableId, string predicate, long minTime, long maxTime, ulong walSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(walSequence, (ulong)long.MaxValue);
        if (minTime > maxTime)
        {
            throw new ArgumentException($"delete time range [{minTime}, {maxTime}] is empty", nameof(minTime));
        }

        long now = NowNanoseconds();
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using SqliteCommand insert = Command(
            connection,
            transaction,
            "INSERT INTO deletes (table_id, predicate, min_time, max_time, created_at_ns, wal_sequence) VALUES ($t, $p, $min, $max, $now, $wal) RETURNING id");
        insert.Parameters.AddWithValue("$t", tableId);
        insert.Parameters.AddWithValue("$p", predicate);
        insert.Parameters.AddWithValue("$min", minTime);
        insert.Parameters.AddWithValue("$max", maxTime);
        insert.Parameters.AddWithValue("$now", now);
        insert.Parameters.AddWithValue("$wal", (long)walSequence);
        long id;
        try
        {
            id = (long)insert.ExecuteScalar()!;
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == 787)
        {
            // SQLITE_CONSTRAINT_FOREIGNKEY: the only reference is table_id.
            throw new IOx.Pg.Storage.Errors.SqlException(IOx.Pg.Storage.Errors.SqlState.UndefinedTable, $"table with catalog id {tableId} does not exist");
        }

        using (SqliteCommand members = Command(
            connection,
            transaction,
            "INSERT INTO delete_files (delete_id, file_id) SELECT $d, id FROM parquet_files WHERE table_id = $t AND to_delete_at_ns IS NULL AND min_time <= $max AND max_time >= $min"))
        {
            members.Parameters.AddWithValue("$d", id);
            members.Parameters.AddWithValue("$t", tableId);
            members.Parameters.AddWithValue("$min", minTime);
            members.Parameters.AddWithValue("$max", maxTime);
            members.ExecuteNonQuery();
        }

        transaction.Commit();
        return new CatalogDelete(id, tableId, predicate, minTime, maxTime, FromNanoseconds(now), walSequence);
    }

    /// <summary>The table's deletes overlapping [<paramref name="minTime"/>, <paramref name="maxTime"/>], oldest first.</summary>
    public IReadOnlyList<CatalogDelete> ListDeletes(long tableId, long minTime = long.MinValue, long maxTime = long.MaxValue)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = Command(
            connection,
            null,
            "SELECT id, predicate, min_time, max_time, created_at_ns, wal_sequence FROM deletes WHERE table_id = $t AND min_time <= $max AND max_time >= $min ORDER BY id");
        command.Parameters.AddWithValue("$t", tableId);
        command.Parameters.AddWithValue("$min", minTime);
        command.Parameters.AddWithValue("$max", maxTime);
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<CatalogDelete>();
        while (reader.Read())
        {
            result.Add(new CatalogDelete(reader.GetInt64(0), tableId, reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), FromNanoseconds(reader.GetInt64(4)), (ulong)reader.GetInt64(5)));
        }

        return result;
    }

    /// <summary>The ids of the files delete <paramref name="deleteId"/> still filters (live or awaiting removal), ascending.</summary>
    public IReadOnlyList<long> ListDeleteFiles(long deleteId)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = Command(connection, null, "SELECT file_id FROM delete_files WHERE delete_id = $d ORDER BY file_id");
        command.Parameters.AddWithValue("$d", deleteId);
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<long>();
        while (reader.Read())
        {
            result.Add(reader.GetInt64(0));
        }

        return result;
    }

    /// <summary>Removes deletes that no longer remove anything (made physical by compaction), in one transaction.</summary>
    public void RemoveDeletes(IReadOnlyList<long> deleteIds) =>
        DeleteEach("DELETE FROM deletes WHERE id = $v", SqliteType.Integer, deleteIds);
}
