using IOx.Pg.Planner.Engine;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Server.Hosting;

/// <summary>
/// CREATE DATABASE (with retention), DROP TABLE, DROP DATABASE and ALTER DATABASE ... retention
/// against the running server.
///
/// A drop is atomic with respect to writes, persists and crashes: it waits for any persist to
/// finish and holds every writer off (the WAL cut gate), then in ONE catalog transaction removes
/// the rows, hands the objects to the sweeper (deleted after the grace period, so running queries
/// finish reading) and records a drop marker at the last logged WAL sequence; only then does the
/// object leave the write buffer. After a crash, start-up replays the WAL and removes the object
/// again right after the marker's sequence, so rows written before the drop never come back and
/// rows written after it (a fresh table of the same name) do.
/// </summary>
internal sealed class DatabaseLifecycle : IDatabaseLifecycle
{
    /// <summary>The write buffer.</summary>
    private readonly StorageBuffer _storage;

    /// <summary>The catalog.</summary>
    private readonly Catalog _catalog;

    /// <summary>The write path (its cut gate orders drops within the WAL).</summary>
    private readonly DurableLineWriter _writer;

    /// <summary>The persister (a drop waits for a running persist).</summary>
    private readonly Persister _persister;

    /// <summary>How long dropped objects stay readable.</summary>
    private readonly TimeSpan _gracePeriod;

    /// <summary>Creates the life cycle of one running server.</summary>
    public DatabaseLifecycle(StorageBuffer storage, Catalog catalog, DurableLineWriter writer, Persister persister, TimeSpan gracePeriod)
    {
        _storage = storage;
        _catalog = catalog;
        _writer = writer;
        _persister = persister;
        _gracePeriod = gracePeriod;
    }

    /// <inheritdoc/>
    public void CreateDatabase(string name, TimeSpan? retention) => _writer.HoldWriters(lastSequence =>
    {
        // Under the gate, so no write can create the database in between with the default retention.
        if (_storage.TryGetDatabase(name, out _))
        {
            throw new SqlException(SqlState.DuplicateDatabase, $"database \"{name}\" already exists");
        }

        _catalog.CreateDatabase(name, retention);
        _storage.GetOrCreateDatabase(name).RetentionPeriod = retention;
        return true;
    });

    /// <inheritdoc/>
    public bool DropTable(string database, string table) => Exclusive(sequence =>
    {
        bool inBuffer = _storage.TryGetDatabase(database, out DatabaseBuffer? buffer) && buffer.TryGetTable(table, out _);
        if (!inBuffer && _catalog.GetTable(database, table) is null)
        {
            return false;
        }

        _catalog.DropTable(database, table, sequence, _gracePeriod);
        buffer?.TryRemoveTable(table);
        return true;
    });

    /// <inheritdoc/>
    public bool DropDatabase(string database)
    {
        if (database == ServerHost.DefaultDatabase)
        {
            throw new SqlException(
                SqlState.ObjectInUse,
                $"cannot drop database \"{database}\": it is the server's default database, which clients connect to first",
                hint: "Drop its tables instead.");
        }

        return Exclusive(sequence =>
        {
            if (!_storage.TryGetDatabase(database, out _) && _catalog.GetDatabase(database) is null)
            {
                return false;
            }

            _catalog.DropDatabase(database, sequence, _gracePeriod);
            _storage.TryRemoveDatabase(database);
            return true;
        });
    }

    /// <inheritdoc/>
    public void SetRetention(string database, TimeSpan? retention) => _writer.HoldWriters(lastSequence =>
    {
        if (!_storage.TryGetDatabase(database, out DatabaseBuffer? buffer))
        {
            throw new SqlException(SqlState.InvalidCatalogName, $"database \"{database}\" does not exist");
        }

        // A database created by a write reaches the catalog at its first persist; record it now.
        _catalog.GetOrCreateDatabase(database, retention);
        _catalog.SetRetention(database, retention);
        buffer.RetentionPeriod = retention;
        return true;
    });

    /// <summary>Runs a drop with no persist running and every writer held off, given the last logged WAL sequence.</summary>
    private bool Exclusive(Func<ulong, bool> drop) =>
        _persister.RunExclusiveAsync(() => Task.FromResult(_writer.HoldWriters(drop)), CancellationToken.None).GetAwaiter().GetResult();
}
