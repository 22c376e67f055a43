using System.Globalization;
using IOx.Pg.Storage.Errors;
using Microsoft.Data.Sqlite;

namespace IOx.Pg.Storage.Catalog;

/// <summary>Parquet files: adding, swapping (compaction), listing by time, and their removal after a grace period.</summary>
public sealed partial class Catalog
{
    /// <summary>Columns of parquet_files in the order <see cref="ReadFile"/> reads them.</summary>
    private const string FileColumns =
        "id, table_id, partition_day, object_key, min_time, max_time, row_count, size_bytes, created_at_ns, compaction_level, to_delete_at_ns";

    /// <summary>
    /// Records files (already put in the object store) in one transaction: all or none. Column
    /// statistics must name columns of the table; an object key may be recorded once.
    /// </summary>
    public IReadOnlyList<CatalogFile> AddFiles(long tableId, IReadOnlyList<NewParquetFile> files)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        List<CatalogFile> added = InsertFiles(connection, transaction, tableId, files);
        transaction.Commit();
        return added;
    }

    /// <summary>
    /// Replaces files by others in one transaction (compaction): the old files stop being listed
    /// and are marked for deletion at now + <paramref name="gracePeriod"/> (queries planned before
    /// the swap may still read them until then), the new files are recorded. Throws
    /// <see cref="SqlException"/> 40001 and changes nothing when an old file is not a live file of
    /// the table, e.g. because a concurrent swap already replaced it.
    /// </summary>
    public IReadOnlyList<CatalogFile> SwapFiles(long tableId, IReadOnlyList<long> oldFileIds, IReadOnlyList<NewParquetFile> newFiles, TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        long deleteAt = NowNanoseconds() + (gracePeriod.Ticks * 100);
        using (SqliteCommand mark = Command(connection, transaction, "UPDATE parquet_files SET to_delete_at_ns = $at WHERE id = $id AND table_id = $t AND to_delete_at_ns IS NULL"))
        {
            SqliteParameter id = mark.Parameters.Add("$id", SqliteType.Integer);
            mark.Parameters.AddWithValue("$at", deleteAt);
            mark.Parameters.AddWithValue("$t", tableId);
            foreach (long oldId in oldFileIds)
            {
                id.Value = oldId;
                if (mark.ExecuteNonQuery() != 1)
                {
                    // Disposing the transaction rolls back the marks made so far.
                    throw new SqlException(SqlState.SerializationFailure, $"parquet file {oldId} is not a live file of table {tableId}; it was replaced or never existed");
                }
            }
        }

        List<CatalogFile> added = InsertFiles(connection, transaction, tableId, newFiles);
        transaction.Commit();
        return added;
    }

    /// <summary>
    /// The live files of a table whose time range overlaps [<paramref name="minTime"/>,
    /// <paramref name="maxTime"/>] (both inclusive), by min time then id.
    /// </summary>
    public IReadOnlyList<CatalogFile> ListFiles(long tableId, long minTime = long.MinValue, long maxTime = long.MaxValue)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = Command(
            connection,
            null,
            $"SELECT {FileColumns} FROM parquet_files WHERE table_id = $t AND to_delete_at_ns IS NULL AND min_time <= $max AND max_time >= $min ORDER BY min_time, id");
        command.Parameters.AddWithValue("$t", tableId);
        command.Parameters.AddWithValue("$min", minTime);
        command.Parameters.AddWithValue("$max", maxTime);
        return ReadFiles(command);
    }

    /// <summary>Replaced files whose grace period has ended, by deletion time: their objects may be deleted now.</summary>
    public IReadOnlyList<CatalogFile> ListFilesDueForDeletion()
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = Command(
            connection,
            null,
            $"SELECT {FileColumns} FROM parquet_files WHERE to_delete_at_ns IS NOT NULL AND to_delete_at_ns <= $now ORDER BY to_delete_at_ns, id");
        command.Parameters.AddWithValue("$now", NowNanoseconds());
        return ReadFiles(command);
    }

    /// <summary>
    /// Forgets files whose objects were deleted (with their statistics), in one transaction.
    /// Only files due for deletion can be forgotten: a live file or one still in its grace
    /// period throws <see cref="SqlException"/> 40001 and nothing is forgotten.
    /// </summary>
    public void ForgetFiles(IReadOnlyList<long> fileIds)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using (SqliteCommand delete = Command(connection, transaction, "DELETE FROM parquet_files WHERE id = $id AND to_delete_at_ns IS NOT NULL AND to_delete_at_ns <= $now"))
        {
            SqliteParameter id = delete.Parameters.Add("$id", SqliteType.Integer);
            delete.Parameters.AddWithValue("$now", NowNanoseconds());
            foreach (long fileId in fileIds)
            {
                id.Value = fileId;
                if (delete.ExecuteNonQuery() != 1)
                {
                    throw new SqlException(SqlState.SerializationFailure, $"parquet file {fileId} is not due for deletion");
                }
            }
        }

        transaction.Commit();
    }

    /// <summary>The column statistics of a file, by column ordinal.</summary>
    public IReadOnlyList<FileColumnStats> GetFileColumnStats(long fileId)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = Command(
            connection,
            null,
            "SELECT c.name, s.min_value, s.max_value, s.null_count FROM file_column_stats s JOIN columns c ON c.id = s.column_id WHERE s.file_id = $f ORDER BY c.ordinal");
        command.Parameters.AddWithValue("$f", fileId);
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<FileColumnStats>();
        while (reader.Read())
        {
            result.Add(new FileColumnStats(reader.GetString(0), ReadStatValue(reader, 1), ReadStatValue(reader, 2), reader.GetInt64(3)));
        }

        return result;
    }

    /// <summary>Inserts files and their statistics inside the caller's transaction.</summary>
    private List<CatalogFile> InsertFiles(SqliteConnection connection, SqliteTransaction transaction, long tableId, IReadOnlyList<NewParquetFile> files)
    {
        var columnIds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (CatalogColumn column in ReadColumns(connection, transaction, tableId))
        {
            columnIds.Add(column.Name, column.Id);
        }

        if (columnIds.Count == 0)
        {
            throw new SqlException(SqlState.UndefinedTable, $"table with catalog id {tableId} does not exist");
        }

        long now = NowNanoseconds();
        var added = new List<CatalogFile>(files.Count);
        using SqliteCommand insert = Command(
            connection,
            transaction,
            "INSERT INTO parquet_files (table_id, partition_day, object_key, min_time, max_time, row_count, size_bytes, created_at_ns, compaction_level, to_delete_at_ns) "
            + "VALUES ($t, $day, $key, $min, $max, $rows, $size, $now, $level, NULL) RETURNING id");
        using SqliteCommand insertStats = Command(
            connection,
            transaction,
            "INSERT INTO file_column_stats (file_id, column_id, min_value, max_value, null_count) VALUES ($f, $c, $min, $max, $nulls)");
        foreach (NewParquetFile file in files)
        {
            if (file.MinTime > file.MaxTime || file.RowCount < 0 || file.SizeBytes < 0 || file.CompactionLevel < 0)
            {
                throw new ArgumentException($"file {file.ObjectKey} has an invalid time range, row count, size or compaction level", nameof(files));
            }

            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$t", tableId);
            insert.Parameters.AddWithValue("$day", FormatDay(file.PartitionDay));
            insert.Parameters.AddWithValue("$key", file.ObjectKey);
            insert.Parameters.AddWithValue("$min", file.MinTime);
            insert.Parameters.AddWithValue("$max", file.MaxTime);
            insert.Parameters.AddWithValue("$rows", file.RowCount);
            insert.Parameters.AddWithValue("$size", file.SizeBytes);
            insert.Parameters.AddWithValue("$now", now);
            insert.Parameters.AddWithValue("$level", file.CompactionLevel);
            long fileId;
            try
            {
                fileId = (long)insert.ExecuteScalar()!;
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode == 2067)
            {
                // SQLITE_CONSTRAINT_UNIQUE: the only unique column is object_key.
                throw new SqlException(SqlState.SerializationFailure, $"object key {file.ObjectKey} is already recorded in the catalog");
            }

            foreach (FileColumnStats stats in file.ColumnStats)
            {
                if (!columnIds.TryGetValue(stats.Column, out long columnId))
                {
                    throw new SqlException(SqlState.UndefinedColumn, $"column \"{stats.Column}\" of file {file.ObjectKey} is not a column of table {tableId}");
                }

                ArgumentOutOfRangeException.ThrowIfNegative(stats.NullCount);
                insertStats.Parameters.Clear();
                insertStats.Parameters.AddWithValue("$f", fileId);
                insertStats.Parameters.AddWithValue("$c", columnId);
                insertStats.Parameters.AddWithValue("$min", ToStatValue(stats.Min));
                insertStats.Parameters.AddWithValue("$max", ToStatValue(stats.Max));
                insertStats.Parameters.AddWithValue("$nulls", stats.NullCount);
                insertStats.ExecuteNonQuery();
            }

            added.Add(new CatalogFile(
                fileId, tableId, file.PartitionDay, file.ObjectKey, file.MinTime, file.MaxTime, file.RowCount, file.SizeBytes, FromNanoseconds(now), file.CompactionLevel, null));
        }

        return added;
    }

    /// <summary>Reads every row of a file query.</summary>
    private static List<CatalogFile> ReadFiles(SqliteCommand command)
    {
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<CatalogFile>();
        while (reader.Read())
        {
            result.Add(ReadFile(reader));
        }

        return result;
    }

    /// <summary>A file from a row of <see cref="FileColumns"/>.</summary>
    private static CatalogFile ReadFile(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetInt64(1),
        DateOnly.ParseExact(reader.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        reader.GetString(3),
        reader.GetInt64(4),
        reader.GetInt64(5),
        reader.GetInt64(6),
        reader.GetInt64(7),
        FromNanoseconds(reader.GetInt64(8)),
        reader.GetInt32(9),
        reader.IsDBNull(10) ? null : FromNanoseconds(reader.GetInt64(10)));

    /// <summary>The partition day as stored: yyyy-MM-dd.</summary>
    private static string FormatDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A statistic as a SQLite value; only the types <see cref="FileColumnStats"/> documents.</summary>
    private static object ToStatValue(object? value) => value switch
    {
        null => DBNull.Value,
        long or double or string or byte[] => value,
        int i => (long)i,
        bool b => b ? 1L : 0L,
        _ => throw new ArgumentException($"a column statistic cannot be a {value.GetType().Name}; use long, double, string or byte[]", nameof(value)),
    };

    /// <summary>A statistic read back as long, double, string, byte[] or null.</summary>
    private static object? ReadStatValue(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);
}
