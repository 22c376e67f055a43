using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.ObjectStore;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;
using Microsoft.Extensions.Logging;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Server.Hosting;

/// <summary>
/// The background file sweeper. Each pass: (1) retention — in every database with a retention
/// period, the live files of partitions (UTC days) wholly before the cutoff are marked for
/// deletion in the catalog and detached from their table; (2) deletion — the objects of files
/// whose grace period has ended (replaced by compaction, expired, or left by a drop) are deleted
/// and then forgotten by the catalog; (3) drop markers the persisted state already covers are
/// pruned.
///
/// Order matters for crash safety: an object is deleted before its catalog row is forgotten, so a
/// crash in between leaves a row naming a missing object, which the next pass forgets (a missing
/// object counts as deleted); never an object no row names that the start-up orphan sweep would
/// have to guess about. A file is only ever deleted after its grace period, so a query that
/// listed it before it was replaced or expired can still read it.
/// </summary>
public sealed class FileSweeper
{
    /// <summary>The catalog naming files.</summary>
    private readonly Catalog _catalog;

    /// <summary>Where the objects are.</summary>
    private readonly IObjectStore _store;

    /// <summary>The write buffer (databases' retention, tables' attached files).</summary>
    private readonly StorageBuffer _storage;

    /// <summary>How long an expired file stays readable.</summary>
    private readonly TimeSpan _gracePeriod;

    /// <summary>The log.</summary>
    private readonly ILogger _log;

    /// <summary>One pass at a time (the loop and CHECKPOINT-like callers in tests).</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates a sweeper.</summary>
    public FileSweeper(Catalog catalog, IObjectStore store, StorageBuffer storage, TimeSpan gracePeriod, ILogger log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
        _catalog = catalog;
        _store = store;
        _storage = storage;
        _gracePeriod = gracePeriod;
        _log = log;
    }

    /// <summary>Runs one pass now.</summary>
    public async Task<SweepResult> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int expired = ExpireRetention(DateTime.UtcNow);
            int deleted = 0;
            IReadOnlyList<CatalogFile> due = _catalog.ListFilesDueForDeletion();
            if (due.Count > 0)
            {
                var ids = new List<long>(due.Count);
                foreach (CatalogFile file in due)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await _store.DeleteAsync(file.ObjectKey, cancellationToken).ConfigureAwait(false);
                    ids.Add(file.Id);
                }

                _catalog.ForgetFiles(ids);
                deleted = ids.Count;
            }

            IReadOnlyList<string> dropped = _catalog.ListDroppedObjectsDue();
            foreach (string key in dropped)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await _store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            }

            if (dropped.Count > 0)
            {
                _catalog.ForgetDroppedObjects(dropped);
            }

            _catalog.PruneDropMarkers(_catalog.GetPersistedWalSequence());
            if (expired + deleted + dropped.Count > 0)
            {
                _log.LogInformation(
                    "file sweep: {Expired} files expired by retention, {Deleted} replaced or expired files deleted, {Dropped} objects of dropped tables deleted",
                    expired,
                    deleted,
                    dropped.Count);
            }

            return new SweepResult(expired, deleted, dropped.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs a pass every <paramref name="interval"/> until <paramref name="stop"/>; a failed pass is logged and retried at the next tick.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    await SweepOnceAsync(stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _log.LogError(e, "file sweep failed; retrying at the next tick");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Marks the files of wholly expired partitions for deletion and detaches them from their
    /// tables (queries already bound exclude their rows anyway: the scan starts at the cutoff).
    /// Returns how many.
    /// </summary>
    private int ExpireRetention(DateTime now)
    {
        long nowNs = (now.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        int expired = 0;
        foreach (string name in _storage.DatabaseNames)
        {
            if (!_storage.TryGetDatabase(name, out DatabaseBuffer? database))
            {
                continue;
            }

            long cutoff = database.RetentionCutoff(nowNs);
            if (cutoff == long.MinValue || cutoff < 0)
            {
                continue;
            }

            // The UTC day holding the cutoff is the first one with rows still retained.
            var firstKeptDay = DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)(cutoff / 86_400_000_000_000L));
            foreach (string tableName in database.TableNames)
            {
                if (!database.TryGetTable(tableName, out TableBuffer? table) || table.CatalogState.TableId == 0 || !HasFileBefore(table, firstKeptDay))
                {
                    continue;
                }

                IReadOnlyList<CatalogFile> files = _catalog.ExpireFiles(table.CatalogState.TableId, firstKeptDay, _gracePeriod);
                if (files.Count == 0)
                {
                    continue;
                }

                var ids = new HashSet<long>();
                foreach (CatalogFile file in files)
                {
                    ids.Add(file.Id);
                }

                table.DetachFiles(ids);
                expired += files.Count;
            }
        }

        return expired;
    }

    /// <summary>Whether the table lists a file of a day before <paramref name="day"/> (checked in memory, so a pass with nothing to expire writes nothing to the catalog).</summary>
    private static bool HasFileBefore(TableBuffer table, DateOnly day)
    {
        foreach (PersistedFile file in table.Files)
        {
            if (file.File.PartitionDay < day)
            {
                return true;
            }
        }

        return false;
    }
}
