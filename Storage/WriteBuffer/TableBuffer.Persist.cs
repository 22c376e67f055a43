using System.Diagnostics;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Persist;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// Persistence state of a table: its persisted files (newest last), the batches sealed for the
/// persist in progress, and what the write path notes per row to tell queries when the live rows
/// need no deduplication.
///
/// Invariant: every row of the table is in exactly one of: a persisted file, a sealed batch, a
/// live batch (frozen or active). <see cref="SealUnsynchronized"/> moves live → sealed and
/// <see cref="CompletePersist"/> moves sealed → files, each under the table lock, so snapshots
/// never see a row twice or miss one.
/// </summary>
public sealed partial class TableBuffer
{
    /// <summary>Persisted files, oldest first (write order: a later file's rows replace an earlier one's).</summary>
    private readonly List<PersistedFile> _files = [];

    /// <summary>Batches sealed for persistence and not yet in files, oldest first.</summary>
    private readonly List<RecordBatch> _sealed = [];

    /// <summary>Statistics of <see cref="_sealed"/>.</summary>
    private TimeStats _sealedStats = TimeStats.Empty;

    /// <summary>Statistics of the live rows (frozen + active).</summary>
    private TimeStats _liveStats = TimeStats.Empty;

    /// <summary>
    /// 64-bit hashes of the identities (tag set, time) of the live rows, while no duplicate has been
    /// seen: a repeated hash marks the live part "may have duplicates" (a collision is a false alarm,
    /// never a miss). Cleared, keeping its capacity, when the live rows are sealed.
    /// </summary>
    private readonly IdentitySet _liveIdentities = new();

    /// <summary>Order-independent hash of the tag set of the row being written.</summary>
    private ulong _rowTagHash;

    /// <summary><see cref="Stopwatch.GetTimestamp"/> of the oldest live row, 0 when there is none.</summary>
    private long _oldestLiveRowTimestamp;

    /// <summary>
    /// The table's catalog id and how many of its columns the catalog holds (0 while unknown): lets
    /// a persist skip the catalog's schema transactions when nothing changed. Only the persister
    /// (one at a time) and start-up set them.
    /// </summary>
    public (long TableId, int Columns) CatalogState { get; set; }

    /// <summary>The persisted files, oldest first.</summary>
    public IReadOnlyList<PersistedFile> Files
    {
        get
        {
            lock (_lock)
            {
                return [.. _files];
            }
        }
    }

    /// <summary>Rows in memory not yet sealed for persistence.</summary>
    public long LiveRowCount
    {
        get
        {
            lock (_lock)
            {
                return _liveStats.Rows;
            }
        }
    }

    /// <summary>
    /// A rough size of the rows in memory (live and sealed): rows × columns × 8 bytes. Enough to
    /// decide when to persist; the real footprint of text columns differs.
    /// </summary>
    public long EstimatedBufferBytes
    {
        get
        {
            lock (_lock)
            {
                return BufferedRowsUnsynchronized() * _columns.Count * 8;
            }
        }
    }

    /// <summary>How long the oldest live row has waited for persistence (zero when there is none).</summary>
    public TimeSpan OldestLiveRowAge
    {
        get
        {
            lock (_lock)
            {
                return _oldestLiveRowTimestamp == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_oldestLiveRowTimestamp);
            }
        }
    }

    /// <summary>
    /// Declares a column known from the catalog (start-up, before any write): appended in order
    /// when missing; an existing column must have the same type and role.
    /// </summary>
    public void DefineColumn(string name, DataType type, ColumnRole role)
    {
        lock (_lock)
        {
            if (_byName.TryGetValue(name, out int index))
            {
                ColumnState existing = _columns[index];
                if (existing.Type != type || existing.Role != role)
                {
                    throw new InvalidOperationException($"column {name} is {existing.Role} {existing.Type} in the buffer and {role} {type} in the catalog");
                }

                return;
            }

            AddColumnUnsynchronized(name, type, role);
        }
    }

    /// <summary>Attaches files already recorded in the catalog (start-up), after the ones attached before.</summary>
    public void AttachFiles(IEnumerable<PersistedFile> files)
    {
        lock (_lock)
        {
            _files.AddRange(files);
        }
    }

    /// <summary>
    /// Seals every live row for persistence (the active chunk is frozen even if not full) and
    /// returns everything sealed and not yet persisted, oldest first: rows of a failed earlier
    /// persist come first. Caller holds the table lock (<see cref="Seal"/> takes it).
    /// </summary>
    internal IReadOnlyList<RecordBatch> SealUnsynchronized()
    {
        if (_activeRows > 0)
        {
            FreezeUnsynchronized();
        }

        _sealed.AddRange(_frozen);
        _frozen.Clear();
        _sealedStats = _sealedStats.Concat(_liveStats);
        _liveStats = TimeStats.Empty;
        SealTagDistinctUnsynchronized();
        _liveIdentities.Clear();
        _oldestLiveRowTimestamp = 0;
        return [.. _sealed];
    }

    /// <summary>Takes the table lock and seals (see <see cref="SealUnsynchronized"/>); <paramref name="schema"/> is the schema at that moment.</summary>
    public IReadOnlyList<RecordBatch> Seal(out Schema schema)
    {
        lock (_lock)
        {
            schema = SchemaUnsynchronized();
            return SealUnsynchronized();
        }
    }

    /// <summary>
    /// After the catalog commit of a persist: the first <paramref name="sealedBatches"/> sealed
    /// batches (those the persist read) are replaced by <paramref name="files"/>, atomically for
    /// snapshots.
    /// </summary>
    public void CompletePersist(int sealedBatches, IReadOnlyList<PersistedFile> files)
    {
        lock (_lock)
        {
            if (sealedBatches > _sealed.Count)
            {
                throw new InvalidOperationException($"table {Name}: {sealedBatches} batches persisted, {_sealed.Count} sealed");
            }

            _sealed.RemoveRange(0, sealedBatches);
            _files.AddRange(files);
            if (_sealed.Count == 0)
            {
                _sealedStats = TimeStats.Empty;
                Array.Clear(_sealedTagDistinct);
            }
            else
            {
                // Only one persist runs at a time and it takes every sealed batch, so this is not
                // reached; stay correct anyway: keep the range, assume duplicates, recount.
                _sealedStats.MayHaveDuplicates = true;
                long rows = 0;
                foreach (RecordBatch batch in _sealed)
                {
                    rows += batch.RowCount;
                }

                _sealedStats.Rows = rows;
                RecomputeTagDistinctUnsynchronized(ref _sealedTagDistinct, _sealed);
            }
        }
    }

    /// <summary>Starts the tag-set hash of a new row. Caller holds the lock.</summary>
    internal void BeginRowUnsynchronized() => _rowTagHash = 0;

    /// <summary>Adds a tag to the row's tag-set hash; a sum, so the order of tags in a line does not matter. Caller holds the lock.</summary>
    internal void MixTagUnsynchronized(int columnIndex, ReadOnlySpan<byte> value)
    {
        var hash = new HashCode();
        hash.Add(columnIndex);
        hash.AddBytes(value);
        ulong h = (uint)hash.ToHashCode();

        // Spread the 32-bit hash over 64 bits before summing (odd multiplier: a bijection).
        _rowTagHash += (h | ((ulong)(uint)columnIndex << 32)) * 0x9E3779B97F4A7C15UL;
    }

    /// <summary>
    /// Notes a row of the live part: time range, and whether it may repeat an earlier identity
    /// (tag set, time), by adding the identity's hash to a set. Writes out of time order (e.g.
    /// concurrent loaders) need no merge as long as no identity repeats. Once a repeat is seen the
    /// set is no longer fed (the part will be merged at query time anyway). No allocation per row:
    /// the set grows by doubling and keeps its capacity across seals. Caller holds the lock.
    /// </summary>
    private void NoteRowUnsynchronized(long time)
    {
        ref TimeStats stats = ref _liveStats;
        if (stats.Rows == 0)
        {
            _oldestLiveRowTimestamp = Stopwatch.GetTimestamp();
            stats.MinTime = time;
            stats.MaxTime = time;
        }
        else
        {
            stats.MinTime = Math.Min(stats.MinTime, time);
            stats.MaxTime = Math.Max(stats.MaxTime, time);
        }

        if (!stats.MayHaveDuplicates && !_liveIdentities.Add(IdentityHash(_rowTagHash, time)))
        {
            stats.MayHaveDuplicates = true;
            _liveIdentities.Clear();
        }

        stats.Rows++;
    }

    /// <summary>A 64-bit hash of (tag-set hash, time): SplitMix64's finalizer over their combination.</summary>
    private static ulong IdentityHash(ulong tagSetHash, long time)
    {
        ulong z = tagSetHash + ((ulong)time * 0xBF58476D1CE4E5B9UL) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Rows in memory (sealed and live). Caller holds the lock.</summary>
    private long BufferedRowsUnsynchronized() => _sealedStats.Rows + _liveStats.Rows;
}
