using System.Diagnostics;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.ObjectStore;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Parquet.Writer;
using CatalogStore = IOx.Pg.Storage.Catalog.Catalog;

namespace IOx.Pg.Storage.Persist;

/// <summary>
/// Persists the write buffer: takes a cut (the caller's function seals every table while writers
/// are held off and names the WAL sequence covered), sorts and deduplicates each table's sealed
/// rows per UTC day (<see cref="DedupKernel"/>), writes one Parquet file per (table, day) to the
/// object store, records all files and the WAL sequence in ONE catalog transaction, then swaps
/// each table's sealed batches for its files and finally lets the caller trim the WAL.
///
/// Crash safety, step by step (docs/storage.md): before the commit, objects may exist that no
/// catalog row names (swept at start-up) and the WAL still holds every row; after the commit the
/// catalog names the files and the sequence, so start-up attaches the files and replays only later
/// records, whether or not the WAL was trimmed. One persist runs at a time.
/// </summary>
public sealed class Persister
{
    /// <summary>The catalog recording files.</summary>
    private readonly CatalogStore _catalog;

    /// <summary>Where files go.</summary>
    private readonly IObjectStore _store;

    /// <summary>Parquet options for persisted files.</summary>
    private readonly ParquetWriterOptions _options;

    /// <summary>Removes WAL segments wholly at or below a sequence; null when there is no WAL.</summary>
    private readonly Action<ulong>? _trimWal;

    /// <summary>Admits one persist at a time.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates a persister.</summary>
    public Persister(CatalogStore catalog, IObjectStore store, Action<ulong>? trimWal, ParquetWriterOptions? options = null)
    {
        _catalog = catalog;
        _store = store;
        _trimWal = trimWal;
        _options = options ?? ParquetWriterOptions.Default;
    }

    /// <summary>
    /// Test hook run right after the catalog commit, before the buffers swap and the WAL is trimmed:
    /// throwing from it simulates a crash between those steps.
    /// </summary>
    public Action? AfterCatalogCommit { get; set; }

    /// <summary>
    /// Retention of a database by name (null: forever), from the write buffer: a database first
    /// recorded by a persist gets it in the catalog, and partitions (UTC days) wholly older than
    /// now minus it are dropped instead of written. Null: no retention anywhere.
    /// </summary>
    public Func<string, TimeSpan?>? RetentionOf { get; set; }

    /// <summary>The number of persists completed.</summary>
    public long PersistCount { get; private set; }

    /// <summary>
    /// Runs one persist. <paramref name="cut"/> is called once this persist holds the gate; it must
    /// seal the buffer while writers are held off (see <see cref="PersistCut.Seal"/>).
    /// </summary>
    public async Task<PersistResult> PersistAsync(Func<PersistCut> cut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cut);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var watch = Stopwatch.StartNew();
            PersistCut taken = cut();
            foreach (string database in taken.Databases)
            {
                _catalog.GetOrCreateDatabase(database, RetentionOf?.Invoke(database));
            }

            var commits = new List<PersistedTableFiles>(taken.Tables.Count);
            var written = new List<string>();
            long rowsIn = 0;
            long rowsOut = 0;
            long bytes = 0;
            long sortTicks = 0;
            long encodeTicks = 0;
            long putTicks = 0;
            long commitTicks = 0;
            long mark;
            try
            {
                foreach (SealedTable table in taken.Tables)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    mark = Stopwatch.GetTimestamp();
                    (long tableId, int known) = table.Table.CatalogState;
                    if (tableId == 0 || known < table.Schema.Count)
                    {
                        tableId = _catalog.GetOrCreateTable(table.Database, table.Table.Name).Id;
                        var definitions = new ColumnDefinition[table.Schema.Count];
                        for (int c = 0; c < definitions.Length; c++)
                        {
                            definitions[c] = new ColumnDefinition(table.Schema[c].Name, table.Schema[c].Type, table.Schema[c].Role);
                        }

                        _catalog.GetOrCreateColumns(tableId, definitions);
                        table.Table.CatalogState = (tableId, table.Schema.Count);
                    }

                    commitTicks += Stopwatch.GetTimestamp() - mark;
                    var files = new List<NewParquetFile>();
                    foreach (var batch in table.Batches)
                    {
                        rowsIn += batch.RowCount;
                    }

                    mark = Stopwatch.GetTimestamp();
                    IReadOnlyList<DedupPartition> partitions = DedupKernel.SortAndMerge(table.Schema, table.Batches, partitionByDay: true);
                    sortTicks += Stopwatch.GetTimestamp() - mark;
                    long expiredDays = ExpiredDaysBefore(table.Database);
                    foreach (DedupPartition partition in partitions)
                    {
                        if (partition.Day < expiredDays)
                        {
                            // The whole UTC day is past the retention cutoff: its rows leave with the seal.
                            continue;
                        }

                        DateOnly day = DateOnly.FromDayNumber(checked((int)(partition.Day + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber)));
                        string key = ObjectKeys.ParquetFile(table.Database, table.Table.Name, day, Guid.NewGuid());
                        mark = Stopwatch.GetTimestamp();
                        byte[] content = WriteParquet(table.Schema, partition.Batches);
                        List<FileColumnStats> statistics = FileStatistics(table.Schema, content);
                        encodeTicks += Stopwatch.GetTimestamp() - mark;
                        written.Add(key);
                        mark = Stopwatch.GetTimestamp();
                        await _store.PutAsync(key, content, cancellationToken).ConfigureAwait(false);
                        putTicks += Stopwatch.GetTimestamp() - mark;
                        files.Add(new NewParquetFile(day, key, partition.MinTime, partition.MaxTime, partition.RowCount, content.Length, 0, statistics));
                        rowsOut += partition.RowCount;
                        bytes += content.Length;
                    }

                    commits.Add(new PersistedTableFiles(tableId, files));
                }

                if (commits.Count > 0 || taken.WalSequence > _catalog.GetPersistedWalSequence())
                {
                    mark = Stopwatch.GetTimestamp();
                    IReadOnlyList<IReadOnlyList<CatalogFile>> recorded = _catalog.CommitPersist(commits, taken.WalSequence);
                    commitTicks += Stopwatch.GetTimestamp() - mark;
                    written.Clear();
                    AfterCatalogCommit?.Invoke();
                    for (int i = 0; i < recorded.Count; i++)
                    {
                        var persisted = new PersistedFile[recorded[i].Count];
                        for (int f = 0; f < persisted.Length; f++)
                        {
                            persisted[f] = new PersistedFile(recorded[i][f], _store);
                        }

                        taken.Tables[i].Table.CompletePersist(taken.Tables[i].Batches.Count, persisted);
                    }
                }
            }
            catch
            {
                // Objects not (yet) named by the catalog are garbage: remove them now if possible
                // (start-up sweeps whatever remains). The sealed rows stay visible and are retried.
                foreach (string key in written)
                {
                    try
                    {
                        await _store.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (IOException)
                    {
                    }
                }

                throw;
            }

            if (taken.WalSequence > 0)
            {
                _trimWal?.Invoke(taken.WalSequence);
            }

            PersistCount++;
            return new PersistResult(
                taken.WalSequence,
                CountFiles(commits),
                rowsIn,
                rowsOut,
                bytes,
                watch.Elapsed,
                Stopwatch.GetElapsedTime(0, sortTicks),
                Stopwatch.GetElapsedTime(0, encodeTicks),
                Stopwatch.GetElapsedTime(0, putTicks),
                Stopwatch.GetElapsedTime(0, commitTicks));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> while no persist runs (it waits for the one in progress): deletes
    /// and compactions change the files and the buffer a persist reads, so they take the same gate.
    /// </summary>
    public async Task<T> RunExclusiveAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Days since the epoch before which whole partitions of the database have expired (long.MinValue: none).</summary>
    private long ExpiredDaysBefore(string database)
    {
        if (RetentionOf?.Invoke(database) is not { } period)
        {
            return long.MinValue;
        }

        long cutoffTicks = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks - period.Ticks;

        // A day d is wholly expired when its end, (d + 1) days, is at or before the cutoff.
        return cutoffTicks < 0 ? long.MinValue : (cutoffTicks / TimeSpan.TicksPerDay);
    }

    /// <summary>The Parquet bytes of one partition.</summary>
    private byte[] WriteParquet(Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        using var stream = new MemoryStream();
        ParquetWriter.WriteFile(stream, schema, batches, _options);
        return stream.ToArray();
    }

    /// <summary>Per-column statistics of a written file, from its own footer (so they are exactly what readers prune by).</summary>
    internal static List<FileColumnStats> FileStatistics(Schema schema, byte[] content)
    {
        var reader = new ParquetReader(content);
        var stats = new List<FileColumnStats>(schema.Count);
        for (int c = 0; c < schema.Count; c++)
        {
            long nulls = 0;
            object? min = null;
            object? max = null;
            bool known = true;
            for (int rg = 0; rg < reader.RowGroupCount; rg++)
            {
                ColumnStatistics? s = reader.GetStatistics(rg, c);
                if (s is null)
                {
                    known = false;
                    break;
                }

                nulls += s.NullCount ?? 0;
                if (s.HasBounds)
                {
                    (object? lo, object? hi) = Bounds(schema[c].Type, s);
                    min = Lower(min, lo);
                    max = Higher(max, hi);
                }
            }

            stats.Add(known ? new FileColumnStats(schema[c].Name, min, max, nulls) : new FileColumnStats(schema[c].Name, null, null, 0));
        }

        return stats;
    }

    /// <summary>A chunk's bounds as catalog values (long, double, string; null when not representable).</summary>
    private static (object? Min, object? Max) Bounds(DataType type, ColumnStatistics s) => type switch
    {
        DataType.Int64 or DataType.Timestamp or DataType.TimestampNoTz or DataType.Int32 or DataType.Int16 or DataType.Date => (s.MinInt64, s.MaxInt64),
        DataType.UInt64 when s.MaxUInt64 <= long.MaxValue => ((long)s.MinUInt64, (long)s.MaxUInt64),
        DataType.Float64 or DataType.Float32 => (s.MinDouble, s.MaxDouble),
        DataType.Boolean when s.MinBytes is { Length: 1 } lo && s.MaxBytes is { Length: 1 } hi => ((long)lo[0], (long)hi[0]),
        DataType.Utf8 when s.MinBytes is not null && s.MaxBytes is not null => (System.Text.Encoding.UTF8.GetString(s.MinBytes), System.Text.Encoding.UTF8.GetString(s.MaxBytes)),
        _ => (null, null),
    };

    /// <summary>The smaller of two bounds of the same kind (null = none yet).</summary>
    private static object? Lower(object? a, object? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        (long x, long y) => Math.Min(x, y),
        (double x, double y) => Math.Min(x, y),
        (string x, string y) => string.CompareOrdinal(x, y) <= 0 ? x : y,
        _ => null,
    };

    /// <summary>The larger of two bounds of the same kind (null = none yet).</summary>
    private static object? Higher(object? a, object? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        (long x, long y) => Math.Max(x, y),
        (double x, double y) => Math.Max(x, y),
        (string x, string y) => string.CompareOrdinal(x, y) >= 0 ? x : y,
        _ => null,
    };

    /// <summary>Files in a commit.</summary>
    private static int CountFiles(List<PersistedTableFiles> commits)
    {
        int n = 0;
        foreach (PersistedTableFiles c in commits)
        {
            n += c.Files.Count;
        }

        return n;
    }
}
