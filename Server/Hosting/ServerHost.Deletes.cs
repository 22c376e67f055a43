using IOx.Pg.Server.Write;
using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.Deletes;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;
using Microsoft.Extensions.Logging;

namespace IOx.Pg.Server.Hosting;

/// <summary>
/// Deletes and compaction in the server. A DELETE runs with persists and compactions held off
/// (the persister's gate) and writers held off (the write path's cut gate): it counts the matching
/// rows, records the tombstone in the catalog with the WAL sequence of the last write before it,
/// then removes the rows from the buffer and makes file reads filter them. Compaction (background
/// and VACUUM) runs under the persister's gate, one table at a time.
/// </summary>
public sealed partial class ServerHost
{
    /// <summary>Compacts tables; null until started.</summary>
    private Compactor? _compactor;

    /// <summary>Deletes to apply during WAL replay; null outside start-up.</summary>
    private TombstoneReplay? _tombstoneReplay;

    /// <summary>The background compaction; null when off or not started.</summary>
    private CompactionLoop? _compactionLoop;

    /// <summary>The compactor while the server runs (tests use its hooks).</summary>
    public Compactor? Compactor => _compactor;

    /// <summary>Runs one compaction pass over every table (what the background loop runs); VACUUM forces merging.</summary>
    public async Task<CompactionResult> CompactAllAsync(bool force, CancellationToken cancellationToken)
    {
        CompactionResult total = CompactionResult.Empty;
        foreach (string name in Storage.DatabaseNames)
        {
            if (Storage.TryGetDatabase(name, out DatabaseBuffer? database))
            {
                total = total.Add(await CompactTablesAsync(name, TablesOf(database), force, cancellationToken).ConfigureAwait(false));
            }
        }

        return total;
    }

    /// <summary>Creates the compactor, installs DELETE and VACUUM in the engine and starts background compaction.</summary>
    private void StartDeletesAndCompaction()
    {
        _compactor = new Compactor(
            _catalog!,
            _objects!,
            new CompactionOptions
            {
                MinFiles = _options.CompactionMinFiles,
                TargetFileBytes = _options.CompactionTargetFileBytes,
                GracePeriod = _options.FileGracePeriod,
            });
        Engine.Delete = DeleteRows;
        Engine.Vacuum = async (database, tables, ct) =>
        {
            if (tables.Count == 0 && Storage.TryGetDatabase(database, out DatabaseBuffer? buffer))
            {
                tables = TablesOf(buffer);
            }

            await CompactTablesAsync(database, tables, force: true, ct).ConfigureAwait(false);
        };
        if (_options.CompactionInterval > TimeSpan.Zero)
        {
            _compactionLoop = new CompactionLoop(_options.CompactionInterval, ct => CompactAllAsync(force: false, ct), _log);
        }
    }

    /// <summary>Stops background compaction and uninstalls DELETE and VACUUM.</summary>
    private async Task StopDeletesAndCompactionAsync()
    {
        if (_compactionLoop is not null)
        {
            await _compactionLoop.DisposeAsync().ConfigureAwait(false);
            _compactionLoop = null;
        }

        Engine.Delete = null;
        Engine.Vacuum = null;
    }

    /// <summary>Compacts tables of one database, each under the persister's gate (persists run between tables).</summary>
    private async Task<CompactionResult> CompactTablesAsync(string database, IReadOnlyList<TableBuffer> tables, bool force, CancellationToken cancellationToken)
    {
        Persister persister = _persister ?? throw new InvalidOperationException("server not started");
        Compactor compactor = _compactor!;
        CompactionResult total = CompactionResult.Empty;
        foreach (TableBuffer table in tables)
        {
            CompactionResult one = await persister.RunExclusiveAsync(
                () => compactor.CompactTableAsync(database, table, force, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            total = total.Add(one);
        }

        return total;
    }

    /// <summary>The tables of a database buffer.</summary>
    private static List<TableBuffer> TablesOf(DatabaseBuffer database)
    {
        var tables = new List<TableBuffer>();
        foreach (string name in database.TableNames)
        {
            if (database.TryGetTable(name, out TableBuffer? table))
            {
                tables.Add(table);
            }
        }

        return tables;
    }

    /// <summary>DELETE's storage part (see the class summary); returns the rows removed.</summary>
    private long DeleteRows(TableDeleteRequest request, CancellationToken cancellationToken)
    {
        Persister persister = _persister ?? throw new InvalidOperationException("server not started");
        DurableLineWriter writer = _writer!;
        Catalog catalog = _catalog!;
        return persister.RunExclusiveAsync(
            () => Task.FromResult(writer.HoldWriters(sequence =>
            {
                long count = request.CountMatching();
                if (count == 0)
                {
                    // Every row is visible to that count (replay restored the WAL's rows), so nothing
                    // to remove now; rows written later are after the delete and stay.
                    return 0L;
                }

                TableBuffer table = request.Table;
                (long tableId, int known) = table.CatalogState;
                if (tableId == 0)
                {
                    // A table only in the buffer and the WAL: the tombstone needs its catalog row. The
                    // persister (held off now) records the columns later, as it does for any new table.
                    tableId = catalog.GetOrCreateTable(request.Database, table.Name).Id;
                    table.CatalogState = (tableId, known);
                }

                (long min, long max) = request.Predicate.TimeBounds();
                CatalogDelete recorded = catalog.AddDelete(tableId, DeletePredicateText.Format(request.Predicate), min, max, sequence);
                Tombstone tombstone = Tombstone.FromCatalog(recorded, catalog.ListDeleteFiles(recorded.Id));
                long removed = table.ApplyDelete(tombstone, filterFiles: true);
                _log.LogInformation(
                    "delete {Id} on {Database}.{Table}: {Rows} rows ({Buffered} from the buffer, the rest filtered from {Files} files) after WAL sequence {Sequence}",
                    recorded.Id,
                    request.Database,
                    table.Name,
                    count,
                    removed,
                    tombstone.FileIds.Count,
                    sequence);
                return count;
            })),
            cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>At start-up: attaches the table's recorded deletes to its files and queues them for WAL replay.</summary>
    private void AttachDeletes(long tableId, TableBuffer table)
    {
        _tombstoneReplay ??= new TombstoneReplay();
        var tombstones = new List<Tombstone>();
        foreach (CatalogDelete delete in _catalog!.ListDeletes(tableId))
        {
            Tombstone tombstone = Tombstone.FromCatalog(delete, _catalog.ListDeleteFiles(delete.Id));
            tombstones.Add(tombstone);
            _tombstoneReplay.Add(table, tombstone);
        }

        table.AttachTombstones(tombstones);
    }
}
