using Microsoft.Data.Sqlite;

namespace IOx.Pg.Storage.Catalog;

/// <summary>Recorded deletes (tombstones) of a table.</summary>
public sealed partial class Catalog
{
    /// <summary>Records a delete of the table's rows in [<paramref name="minTime"/>, <paramref name="maxTime"/>] matching <paramref name="predicate"/>.</summary>
    public CatalogDelete AddDelete(long tableId, string predicate, long minTime, long maxTime)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        if (minTime > maxTime)
        {
            throw new ArgumentException($"delete time range [{minTime}, {maxTime}] is empty", nameof(minTime));
        }

        long now = NowNanoseconds();
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand insert = Command(
            connection,
            null,
            "INSERT INTO deletes (table_id, predicate, min_time, max_time, created_at_ns) VALUES ($t, $p, $min, $max, $now) RETURNING id");
        insert.Parameters.AddWithValue("$t", tableId);
        insert.Parameters.AddWithValue("$p", predicate);
        insert.Parameters.AddWithValue("$min", minTime);
        insert.Parameters.AddWithValue("$max", maxTime);
        insert.Parameters.AddWithValue("$now", now);
        try
        {
            return new CatalogDelete((long)insert.ExecuteScalar()!, tableId, predicate, minTime, maxTime, FromNanoseconds(now));
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == 787)
        {
            // SQLITE_CONSTRAINT_FOREIGNKEY: the only reference is table_id.
            throw new IOx.Pg.Storage.Errors.SqlException(IOx.Pg.Storage.Errors.SqlState.UndefinedTable, $"table with catalog id {tableId} does not exist");
        }
    }

    /// <summary>The table's deletes overlapping [<paramref name="minTime"/>, <paramref name="maxTime"/>], oldest first.</summary>
    public IReadOnlyList<CatalogDelete> ListDeletes(long tableId, long minTime = long.MinValue, long maxTime = long.MaxValue)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = Command(
            connection,
            null,
            "SELECT id, predicate, min_time, max_time, created_at_ns FROM deletes WHERE table_id = $t AND min_time <= $max AND max_time >= $min ORDER BY id");
        command.Parameters.AddWithValue("$t", tableId);
        command.Parameters.AddWithValue("$min", minTime);
        command.Parameters.AddWithValue("$max", maxTime);
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<CatalogDelete>();
        while (reader.Read())
        {
            result.Add(new CatalogDelete(reader.GetInt64(0), tableId, reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), FromNanoseconds(reader.GetInt64(4))));
        }

        return result;
    }
}
