using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Deletes;
using IOx.Pg.Storage.Persist;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// Deletes and compaction as the table's in-memory state sees them: the tombstones reads of files
/// apply, the physical removal of deleted rows from the buffer, and the swap of compacted files.
/// Each change happens under the table lock, so a snapshot sees a delete either wholly (buffer rows
/// gone and the tombstone filtering files) or not at all, and a compaction's old files or its new
/// ones, never both.
/// </summary>
public sealed partial class TableBuffer
{
    /// <summary>The tombstones in force, oldest first; replaced, never mutated, so snapshots can share it.</summary>
    private Tombstone[] _tombstones = [];

    /// <summary>The tombstones in force, oldest first.</summary>
    public IReadOnlyList<Tombstone> Tombstones
    {
        get
        {
            lock (_lock)
            {
                return _tombstones;
            }
        }
    }

    /// <summary>Adds tombstones recorded in the catalog (start-up) without touching the buffer.</summary>
    public void AttachTombstones(IEnumerable<Tombstone> tombstones)
    {
        lock (_lock)
        {
            _tombstones = [.. _tombstones, .. tombstones];
        }
    }

    /// <summary>
    /// Applies a recorded delete: removes the matching rows from the buffer (live and sealed) and, when
    /// <paramref name="filterFiles"/>, adds the tombstone so reads of its files filter them. Returns
    /// the buffer rows removed. WAL replay passes false for deletes already attached.
    /// </summary>
    public long ApplyDelete(Tombstone tombstone, bool filterFiles)
    {
        lock (_lock)
        {
            long removed = RemoveFromBufferUnsynchronized(tombstone.Predicate, tombstone.MinTime, tombstone.MaxTime);
            if (filterFiles)
            {
                _tombstones = [.. _tombstones, tombstone];
            }

            return removed;
        }
    }

    /// <summary>
    /// After a compaction's catalog swap: the files <paramref name="replaced"/> (ids) give way to
    /// <paramref name="compacted"/>, placed where the first replaced file was (the compacted rows
    /// are newer than every file before it and older than every file after it), and the tombstones
    /// <paramref name="droppedTombstones"/> (ids), now physical, stop being applied.
    /// </summary>
    public void CompleteCompaction(IReadOnlySet<long> replaced, IReadOnlyList<PersistedFile> compacted, IReadOnlySet<long> droppedTombstones)
    {
        lock (_lock)
        {
            int position = -1;
            for (int i = 0; i < _files.Count; i++)
            {
                if (replaced.Contains(_files[i].File.Id))
                {
                    position = position < 0 ? i : position;
                }
            }

            int removed = _files.RemoveAll(f => replaced.Contains(f.File.Id));
            if (removed != replaced.Count)
            {
                throw new InvalidOperationException($"table {Name}: compaction replaced {replaced.Count} files, {removed} were attached");
            }

            _files.InsertRange(position < 0 ? _files.Count : position, compacted);
            if (droppedTombstones.Count > 0)
            {
                var kept = new List<Tombstone>(_tombstones.Length);
                foreach (Tombstone t in _tombstones)
                {
                    if (!droppedTombstones.Contains(t.Id))
                    {
                        kept.Add(t);
                    }
                }

                _tombstones = [.. kept];
            }
        }
    }

    /// <summary>Rewrites buffer batches without the rows the predicate matches; statistics keep their (still covering) ranges. Caller holds the lock.</summary>
    private long RemoveFromBufferUnsynchronized(DeletePredicate predicate, long minTime, long maxTime)
    {
        if (_activeRows > 0)
        {
            // The active chunk's builders cannot drop rows: freeze it (a short batch) and filter that.
            FreezeUnsynchronized();
        }

        DeletePredicate[] predicates = [predicate];
        long liveRemoved = RemoveFromBatches(_frozen, predicates, minTime, maxTime);
        _frozen.RemoveAll(static b => b.RowCount == 0);
        long sealedRemoved = RemoveFromBatches(_sealed, predicates, minTime, maxTime);
        _liveStats.Rows -= liveRemoved;
        _sealedStats.Rows -= sealedRemoved;
        RecomputeTagDistinctUnsynchronized(ref _liveTagDistinct, _frozen);
        RecomputeTagDistinctUnsynchronized(ref _sealedTagDistinct, _sealed);
        if (_liveStats.Rows == 0)
        {
            _liveStats = TimeStats.Empty;
            _oldestLiveRowTimestamp = 0;
        }

        // A sealed batch that became empty stays (a persist in flight counts sealed batches).
        return liveRemoved + sealedRemoved;
    }

    /// <summary>Replaces each batch by its surviving rows (in place, same count); returns the rows removed.</summary>
    private static long RemoveFromBatches(List<RecordBatch> batches, DeletePredicate[] predicates, long minTime, long maxTime)
    {
        long removed = 0;
        for (int i = 0; i < batches.Count; i++)
        {
            RecordBatch batch = batches[i];
            if (batch.RowCount == 0 || !MayOverlap(batch, minTime, maxTime))
            {
                continue;
            }

            batches[i] = RowRemoval.Apply(batch, predicates, out int n);
            removed += n;
        }

        return removed;
    }

    /// <summary>Whether a batch has a time in [min, max] (column 0 is time, never null).</summary>
    private static bool MayOverlap(RecordBatch batch, long minTime, long maxTime)
    {
        if (minTime == long.MinValue && maxTime == long.MaxValue)
        {
            return true;
        }

        foreach (long t in ((PrimitiveColumn<long>)batch.Column(0)).Values)
        {
            if (t >= minTime && t <= maxTime)
            {
                return true;
            }
        }

        return false;
    }
}
