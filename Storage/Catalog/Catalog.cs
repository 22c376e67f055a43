using System.Globalization;
using Microsoft.Data.Sqlite;

namespace IOx.Pg.Storage.Catalog;

/// <summary>
/// The catalog: which databases, tables, columns and Parquet files exist, kept in one SQLite file
/// so that every change is a transaction. Opening applies pending schema migrations (refusing a
/// file written by a newer build) and puts the file in WAL journal mode with full fsync, so a
/// committed change survives a crash and readers never block the writer.
///
/// Thread-safe: each operation takes its own pooled connection; write operations run in
/// <c>BEGIN IMMEDIATE</c> transactions, so concurrent writers (threads, or other processes on the
/// same file) are serialized by SQLite's write lock and wait for it up to the busy timeout instead
/// of failing. Every connection has foreign keys on.
/// </summary>
public sealed partial class Catalog : IDisposable
{
    /// <summary>How long a writer waits for another's write lock before failing.</summary>
    private static readonly TimeSpan s_busyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Connection string of the file (foreign keys on, pooling on).</summary>
    private readonly string _connectionString;

    /// <summary>The clock for created and deletion times (injectable for tests of grace periods).</summary>
    private readonly TimeProvider _time;

    /// <summary>Opens an existing or new catalog file (see <see cref="Open"/>).</summary>
    private Catalog(string connectionString, TimeProvider time, string path)
    {
        _connectionString = connectionString;
        _time = time;
        Path = path;
    }

    /// <summary>The catalog file.</summary>
    public string Path { get; }

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentSchemaVersion => CatalogMigrations.CurrentVersion;

    /// <summary>
    /// Opens the catalog at <paramref name="path"/>, creating it if missing, and migrates it to
    /// <see cref="CurrentSchemaVersion"/> in one transaction. Throws <see cref="CatalogException"/>
    /// when the file is some other SQLite database or has a newer schema than this build knows.
    /// </summary>
    public static Catalog Open(string path, TimeProvider? timeProvider = null)
    {
        string full = System.IO.Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = (int)s_busyTimeout.TotalSeconds,
        };
        var catalog = new Catalog(builder.ToString(), timeProvider ?? TimeProvider.System, full);
        try
        {
            catalog.Migrate();
        }
        catch (SqliteException e)
        {
            // E.g. SQLITE_NOTADB for a file that is not SQLite, or a read-only directory.
            catalog.Dispose();
            throw new CatalogException($"cannot open catalog {full}: {e.Message}", e);
        }
        catch (CatalogException)
        {
            catalog.Dispose();
            throw;
        }

        return catalog;
    }

    /// <summary>The versions recorded in <c>schema_version</c>, ascending.</summary>
    public IReadOnlyList<int> AppliedSchemaVersions()
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_version ORDER BY version";
        var versions = new List<int>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    /// <summary>Releases pooled connections to the file, so it can be deleted or moved.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>An open connection with the per-connection settings applied.</summary>
    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();

            // Per connection, not stored in the file: FULL makes each commit fsync the WAL, so a
            // committed catalog change survives power loss (NORMAL would only survive a crash).
            Execute(connection, null, "PRAGMA synchronous = FULL");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Applies pending migrations, each with its schema_version row, in one transaction.</summary>
    private void Migrate()
    {
        using SqliteConnection connection = OpenConnection();

        // journal_mode=WAL is stored in the file; it cannot change inside a transaction.
        string mode = Convert.ToString(Scalar(connection, null, "PRAGMA journal_mode = WAL"), CultureInfo.InvariantCulture) ?? string.Empty;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new CatalogException($"catalog {Path} cannot use WAL journal mode (got '{mode}')");
        }

        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        long applicationId = (long)Scalar(connection, transaction, "PRAGMA application_id")!;
        long tables = (long)Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name <> 'schema_version'")!;
        if (applicationId != CatalogMigrations.ApplicationId && (applicationId != 0 || tables != 0))
        {
            throw new CatalogException($"{Path} is not an IOx.Pg catalog (SQLite application_id {applicationId}, expected {CatalogMigrations.ApplicationId})");
        }

        Execute(connection, transaction, CatalogMigrations.SchemaVersionTable);
        long current = (long)Scalar(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version")!;
        if (current > CatalogMigrations.CurrentVersion)
        {
            throw new CatalogException(
                $"catalog {Path} has schema version {current}, newer than version {CatalogMigrations.CurrentVersion} which this build of IOx.Pg knows; run a newer IOx.Pg (downgrading a catalog is not supported)");
        }

        for (int version = (int)current + 1; version <= CatalogMigrations.CurrentVersion; version++)
        {
            Execute(connection, transaction, CatalogMigrations.Scripts[version - 1]);
            using SqliteCommand record = Command(connection, transaction, "INSERT INTO schema_version (version, applied_at_ns) VALUES ($v, $t)");
            record.Parameters.AddWithValue("$v", version);
            record.Parameters.AddWithValue("$t", NowNanoseconds());
            record.ExecuteNonQuery();
        }

        Execute(connection, transaction, "PRAGMA application_id = " + CatalogMigrations.ApplicationId.ToString(CultureInfo.InvariantCulture));
        transaction.Commit();
    }

    /// <summary>Now, as int64 nanoseconds since the Unix epoch.</summary>
    private long NowNanoseconds() => ToNanoseconds(_time.GetUtcNow());

    /// <summary>A time as int64 nanoseconds since the Unix epoch.</summary>
    private static long ToNanoseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    /// <summary>Int64 nanoseconds since the Unix epoch as a time (to the 100 ns tick).</summary>
    private static DateTimeOffset FromNanoseconds(long nanoseconds) => DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);

    /// <summary>A command bound to the connection and transaction.</summary>
    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Runs a statement (or several) without results.</summary>
    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using SqliteCommand command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query returning one value.</summary>
    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using SqliteCommand command = Command(connection, transaction, sql);
        return command.ExecuteScalar();
    }

    /// <summary>Runs <paramref name="sql"/>, a DELETE with one parameter <c>$v</c>, once per value, all in one transaction.</summary>
    private void DeleteEach<T>(string sql, SqliteType type, IReadOnlyList<T> values)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using (SqliteCommand delete = Command(connection, transaction, sql))
        {
            SqliteParameter value = delete.Parameters.Add("$v", type);
            foreach (T v in values)
            {
                value.Value = v;
                delete.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }
}
