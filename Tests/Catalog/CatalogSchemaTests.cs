using System.Text;
using IOx.Pg.Storage.Catalog;
using Microsoft.Data.Sqlite;

namespace IOx.Pg.Tests.Catalog;

/// <summary>The catalog file's schema: golden migration 1, WAL mode, version checks, refusing foreign files.</summary>
public sealed class CatalogSchemaTests
{
    /// <summary>
    /// Golden: the exact tables, columns (name, declared type, not null, primary key position) and
    /// indexes migration 1 creates. A change here is a change of the on-disk format: add a
    /// migration instead of editing this.
    /// </summary>
    [Fact]
    public void MigrationsOneToFiveCreateExactlyThisSchema()
    {
        using var fixture = new CatalogFixture();
        using (fixture.Open())
        {
        }

        const string expected = """
            table columns: id INTEGER pk1, table_id INTEGER notnull, name TEXT notnull, data_type INTEGER notnull, role INTEGER notnull, ordinal INTEGER notnull
            table databases: id INTEGER pk1, name TEXT notnull, retention_period_ns INTEGER, created_at_ns INTEGER notnull
            table delete_files: delete_id INTEGER notnull pk1, file_id INTEGER notnull pk2
            table deletes: id INTEGER pk1, table_id INTEGER notnull, predicate TEXT notnull, min_time INTEGER notnull, max_time INTEGER notnull, created_at_ns INTEGER notnull, wal_sequence INTEGER notnull
            table drop_markers: id INTEGER pk1, database_name TEXT notnull, table_name TEXT, wal_sequence INTEGER notnull, dropped_at_ns INTEGER notnull
            table dropped_objects: object_key TEXT notnull pk1, to_delete_at_ns INTEGER notnull
            table file_column_stats: file_id INTEGER notnull pk1, column_id INTEGER notnull pk2, min_value BLOB, max_value BLOB, null_count INTEGER notnull
            table parquet_files: id INTEGER pk1, table_id INTEGER notnull, partition_day TEXT notnull, object_key TEXT notnull, min_time INTEGER notnull, max_time INTEGER notnull, row_count INTEGER notnull, size_bytes INTEGER notnull, created_at_ns INTEGER notnull, compaction_level INTEGER notnull, to_delete_at_ns INTEGER
            table persist_state: id INTEGER notnull pk1, wal_sequence INTEGER notnull, persisted_at_ns INTEGER notnull
            table roles: name TEXT notnull pk1, password_verifier TEXT, can_login INTEGER notnull, superuser INTEGER notnull, created_at_ns INTEGER notnull
            table schema_version: version INTEGER notnull pk1, applied_at_ns INTEGER notnull
            table tables: id INTEGER pk1, database_id INTEGER notnull, name TEXT notnull, created_at_ns INTEGER notnull
            index delete_files_by_file on delete_files
            index deletes_by_table on deletes
            index dropped_objects_by_delete_time on dropped_objects
            index parquet_files_by_delete_time on parquet_files
            index parquet_files_by_table_time on parquet_files
            fk columns.table_id -> tables.id
            fk delete_files.delete_id -> deletes.id cascade
            fk delete_files.file_id -> parquet_files.id cascade
            fk deletes.table_id -> tables.id
            fk file_column_stats.column_id -> columns.id
            fk file_column_stats.file_id -> parquet_files.id cascade
            fk parquet_files.table_id -> tables.id
            fk tables.database_id -> databases.id
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), DescribeSchema(fixture.Path));
    }

    [Fact]
    public void OpenSetsWalModeVersionAndMagic()
    {
        using var fixture = new CatalogFixture();
        using IOx.Pg.Storage.Catalog.Catalog catalog = fixture.Open();
        Assert.Equal([1, 2, 3, 4, 5], catalog.AppliedSchemaVersions());
        Assert.Equal(5, IOx.Pg.Storage.Catalog.Catalog.CurrentSchemaVersion);
        using var connection = new SqliteConnection("Data Source=" + fixture.Path);
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal(0x494F5843L, Scalar(connection, "PRAGMA application_id"));
    }

    [Fact]
    public void ReopeningAppliesNoMigrationTwice()
    {
        using var fixture = new CatalogFixture();
        using (fixture.Open())
        {
        }

        using IOx.Pg.Storage.Catalog.Catalog again = fixture.Open();
        Assert.Equal([1, 2, 3, 4, 5], again.AppliedSchemaVersions());
    }

    [Fact]
    public void NewerSchemaVersionIsRefusedWithAClearMessage()
    {
        using var fixture = new CatalogFixture();
        using (fixture.Open())
        {
        }

        using (var connection = new SqliteConnection("Data Source=" + fixture.Path + ";Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, applied_at_ns) VALUES (99, 0)";
            command.ExecuteNonQuery();
        }

        CatalogException e = Assert.Throws<CatalogException>(() => fixture.Open());
        Assert.Contains("schema version 99, newer than version ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SomeOtherSqliteDatabaseIsRefused()
    {
        using var fixture = new CatalogFixture();
        using (var connection = new SqliteConnection("Data Source=" + fixture.Path + ";Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE users (id INTEGER)";
            command.ExecuteNonQuery();
        }

        CatalogException e = Assert.Throws<CatalogException>(() => fixture.Open());
        Assert.Contains("not an IOx.Pg catalog", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotSqliteIsRefused()
    {
        using var fixture = new CatalogFixture();
        File.WriteAllText(fixture.Path, new string('x', 4096));
        CatalogException e = Assert.Throws<CatalogException>(() => fixture.Open());
        Assert.Contains("cannot open catalog", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The schema as stable text: tables with columns, indexes, foreign keys.</summary>
    private static string DescribeSchema(string path)
    {
        using var connection = new SqliteConnection("Data Source=" + path + ";Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        var lines = new List<string>();
        var indexes = new List<string>();
        var keys = new List<string>();
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.CommandText = "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type DESC, name";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetString(0) == "table")
                {
                    tables.Add(reader.GetString(1));
                }
                else
                {
                    indexes.Add($"{reader.GetString(0)} {reader.GetString(1)} on {reader.GetString(2)}");
                }
            }
        }

        foreach (string table in tables)
        {
            var columns = new List<string>();
            using (SqliteCommand command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}') ORDER BY cid";
                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var column = new StringBuilder().Append(reader.GetString(0)).Append(' ').Append(reader.GetString(1));
                    if (reader.GetInt64(2) != 0)
                    {
                        column.Append(" notnull");
                    }

                    if (reader.GetInt64(3) != 0)
                    {
                        column.Append(" pk").Append(reader.GetInt64(3));
                    }

                    columns.Add(column.ToString());
                }
            }

            lines.Add($"table {table}: {string.Join(", ", columns)}");
            using (SqliteCommand command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')";
                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    string cascade = reader.GetString(3) == "CASCADE" ? " cascade" : string.Empty;
                    keys.Add($"fk {table}.{reader.GetString(0)} -> {reader.GetString(1)}.{reader.GetString(2)}{cascade}");
                }
            }
        }

        keys.Sort(StringComparer.Ordinal);
        lines.AddRange(indexes);
        lines.AddRange(keys);
        return string.Join("\n", lines);
    }

    /// <summary>One value of a query.</summary>
    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
