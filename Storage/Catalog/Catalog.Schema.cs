using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using Microsoft.Data.Sqlite;

namespace IOx.Pg.Storage.Catalog;

/// <summary>Databases, tables, columns and retention.</summary>
public sealed partial class Catalog
{
    /// <summary>The name of a table's time column, always ordinal 0.</summary>
    public const string TimeColumnName = "time";

    /// <summary>The database, created (without retention) if missing.</summary>
    public CatalogDatabase GetOrCreateDatabase(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        CatalogDatabase database = GetOrCreateDatabase(connection, transaction, name);
        transaction.Commit();
        return database;
    }

    /// <summary>The database, or null.</summary>
    public CatalogDatabase? GetDatabase(string name)
    {
        using SqliteConnection connection = OpenConnection();
        return FindDatabase(connection, null, name);
    }

    /// <summary>Every database, by name (ordinal).</summary>
    public IReadOnlyList<CatalogDatabase> ListDatabases()
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = Command(connection, null, "SELECT id, name, retention_period_ns, created_at_ns FROM databases ORDER BY name");
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<CatalogDatabase>();
        while (reader.Read())
        {
            result.Add(ReadDatabase(reader));
        }

        return result;
    }

    /// <summary>
    /// Sets how long the database keeps data (null: forever). Throws
    /// <see cref="SqlException"/> 3D000 when the database does not exist, 22023 for a period that
    /// is not positive.
    /// </summary>
    public void SetRetention(string database, TimeSpan? retentionPeriod)
    {
        if (retentionPeriod is { } period && period <= TimeSpan.Zero)
        {
            throw new SqlException(SqlState.InvalidParameterValue, $"retention period must be positive, got {period}");
        }

        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = Command(connection, null, "UPDATE databases SET retention_period_ns = $r WHERE name = $n");
        command.Parameters.AddWithValue("$r", retentionPeriod is { } p ? p.Ticks * 100 : DBNull.Value);
        command.Parameters.AddWithValue("$n", database);
        if (command.ExecuteNonQuery() == 0)
        {
            throw UnknownDatabase(database);
        }
    }

    /// <summary>The database's retention period (null: forever); 3D000 when it does not exist.</summary>
    public TimeSpan? GetRetention(string database) =>
        (GetDatabase(database) ?? throw UnknownDatabase(database)).RetentionPeriod;

    /// <summary>
    /// The table, created with its <c>time</c> column (ordinal 0, Timestamp, role Time) if missing;
    /// the database is created too if missing. One transaction.
    /// </summary>
    public CatalogTable GetOrCreateTable(string database, string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        CatalogDatabase db = GetOrCreateDatabase(connection, transaction, database);
        CatalogTable? found = FindTable(connection, transaction, db.Id, table);
        if (found is null)
        {
            using SqliteCommand insert = Command(connection, transaction, "INSERT INTO tables (database_id, name, created_at_ns) VALUES ($d, $n, $t) RETURNING id");
            insert.Parameters.AddWithValue("$d", db.Id);
            insert.Parameters.AddWithValue("$n", table);
            insert.Parameters.AddWithValue("$t", NowNanoseconds());
            found = new CatalogTable((long)insert.ExecuteScalar()!, db.Id, table);
            InsertColumn(connection, transaction, found.Id, new ColumnDefinition(TimeColumnName, DataType.Timestamp, ColumnRole.Time), 0);
        }

        transaction.Commit();
        return found;
    }

    /// <summary>The table, or null when it (or its database) does not exist.</summary>
    public CatalogTable? GetTable(string database, string table)
    {
        using SqliteConnection connection = OpenConnection();
        CatalogDatabase? db = FindDatabase(connection, null, database);
        return db is null ? null : FindTable(connection, null, db.Id, table);
    }

    /// <summary>The tables of a database, by name; 3D000 when it does not exist.</summary>
    public IReadOnlyList<CatalogTable> ListTables(string database)
    {
        using SqliteConnection connection = OpenConnection();
        CatalogDatabase db = FindDatabase(connection, null, database) ?? throw UnknownDatabase(database);
        using SqliteCommand command = Command(connection, null, "SELECT id, database_id, name FROM tables WHERE database_id = $d ORDER BY name");
        command.Parameters.AddWithValue("$d", db.Id);
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<CatalogTable>();
        while (reader.Read())
        {
            result.Add(new CatalogTable(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return result;
    }

    /// <summary>
    /// Makes sure the table has every listed column, appending the missing ones (next ordinals, in
    /// list order) in one transaction, and returns all the table's columns by ordinal. Schema on
    /// write: a column that exists with another type or role throws <see cref="SqlException"/>
    /// 42804 and nothing of the call is recorded.
    /// </summary>
    public IReadOnlyList<CatalogColumn> GetOrCreateColumns(long tableId, IReadOnlyList<ColumnDefinition> columns)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        List<CatalogColumn> existing = ReadColumns(connection, transaction, tableId);
        if (existing.Count == 0)
        {
            throw new SqlException(SqlState.UndefinedTable, $"table with catalog id {tableId} does not exist");
        }

        var byName = new Dictionary<string, CatalogColumn>(StringComparer.Ordinal);
        foreach (CatalogColumn column in existing)
        {
            byName.Add(column.Name, column);
        }

        int nextOrdinal = existing[^1].Ordinal + 1;
        foreach (ColumnDefinition wanted in columns)
        {
            if (wanted.Role is not (ColumnRole.Tag or ColumnRole.Field or ColumnRole.Time))
            {
                throw new ArgumentException($"column {wanted.Name} has role {wanted.Role}; a table column is a tag, field or time", nameof(columns));
            }

            if (byName.TryGetValue(wanted.Name, out CatalogColumn? have))
            {
                if (have.Type != wanted.Type || have.Role != wanted.Role)
                {
                    throw new SqlException(
                        SqlState.DatatypeMismatch,
                        $"column \"{wanted.Name}\" is {Describe(have.Role, have.Type)}, not {Describe(wanted.Role, wanted.Type)}",
                        detail: "a column's type and role are fixed by its first write");
                }

                continue;
            }

            CatalogColumn added = InsertColumn(connection, transaction, tableId, wanted, nextOrdinal++);
            byName.Add(added.Name, added);
            existing.Add(added);
        }

        transaction.Commit();
        return existing;
    }

    /// <summary>The table's columns by ordinal (empty when the table does not exist).</summary>
    public IReadOnlyList<CatalogColumn> GetColumns(long tableId)
    {
        using SqliteConnection connection = OpenConnection();
        return ReadColumns(connection, null, tableId);
    }

    /// <summary>"tag Utf8", "field Int64", for conflict messages.</summary>
    private static string Describe(ColumnRole role, DataType type) => role.ToString().ToLowerInvariant() + " " + type;

    /// <summary>The error for a database that does not exist.</summary>
    private static SqlException UnknownDatabase(string database) =>
        new(SqlState.InvalidCatalogName, $"database \"{database}\" does not exist");

    /// <summary>Finds or inserts a database inside the caller's transaction.</summary>
    private CatalogDatabase GetOrCreateDatabase(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        CatalogDatabase? found = FindDatabase(connection, transaction, name);
        if (found is not null)
        {
            return found;
        }

        long now = NowNanoseconds();
        using SqliteCommand insert = Command(connection, transaction, "INSERT INTO databases (name, retention_period_ns, created_at_ns) VALUES ($n, NULL, $t) RETURNING id");
        insert.Parameters.AddWithValue("$n", name);
        insert.Parameters.AddWithValue("$t", now);
        return new CatalogDatabase((long)insert.ExecuteScalar()!, name, null, FromNanoseconds(now));
    }

    /// <summary>The database row, or null.</summary>
    private static CatalogDatabase? FindDatabase(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using SqliteCommand command = Command(connection, transaction, "SELECT id, name, retention_period_ns, created_at_ns FROM databases WHERE name = $n");
        command.Parameters.AddWithValue("$n", name);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? ReadDatabase(reader) : null;
    }

    /// <summary>A database from a row of (id, name, retention_period_ns, created_at_ns).</summary>
    private static CatalogDatabase ReadDatabase(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : TimeSpan.FromTicks(reader.GetInt64(2) / 100),
        FromNanoseconds(reader.GetInt64(3)));

    /// <summary>The table row, or null.</summary>
    private static CatalogTable? FindTable(SqliteConnection connection, SqliteTransaction? transaction, long databaseId, string name)
    {
        using SqliteCommand command = Command(connection, transaction, "SELECT id FROM tables WHERE database_id = $d AND name = $n");
        command.Parameters.AddWithValue("$d", databaseId);
        command.Parameters.AddWithValue("$n", name);
        object? id = command.ExecuteScalar();
        return id is long value ? new CatalogTable(value, databaseId, name) : null;
    }

    /// <summary>Inserts one column.</summary>
    private static CatalogColumn InsertColumn(SqliteConnection connection, SqliteTransaction transaction, long tableId, ColumnDefinition column, int ordinal)
    {
        ArgumentException.ThrowIfNullOrEmpty(column.Name);
        using SqliteCommand insert = Command(connection, transaction, "INSERT INTO columns (table_id, name, data_type, role, ordinal) VALUES ($t, $n, $y, $r, $o) RETURNING id");
        insert.Parameters.AddWithValue("$t", tableId);
        insert.Parameters.AddWithValue("$n", column.Name);
        insert.Parameters.AddWithValue("$y", (int)column.Type);
        insert.Parameters.AddWithValue("$r", (int)column.Role);
        insert.Parameters.AddWithValue("$o", ordinal);
        return new CatalogColumn((long)insert.ExecuteScalar()!, tableId, column.Name, column.Type, column.Role, ordinal);
    }

    /// <summary>The table's columns by ordinal.</summary>
    private static List<CatalogColumn> ReadColumns(SqliteConnection connection, SqliteTransaction? transaction, long tableId)
    {
        using SqliteCommand command = Command(connection, transaction, "SELECT id, name, data_type, role, ordinal FROM columns WHERE table_id = $t ORDER BY ordinal");
        command.Parameters.AddWithValue("$t", tableId);
        using SqliteDataReader reader = command.ExecuteReader();
        var result = new List<CatalogColumn>();
        while (reader.Read())
        {
            result.Add(new CatalogColumn(reader.GetInt64(0), tableId, reader.GetString(1), (DataType)reader.GetInt32(2), (ColumnRole)reader.GetInt32(3), reader.GetInt32(4)));
        }

        return result;
    }
}
