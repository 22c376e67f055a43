using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.Deletes;
using IOx.Pg.Storage.ObjectStore;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Parquet.Writer;
using IOx.Pg.Storage.WriteBuffer;
using CatalogStore = IOx.Pg.Storage.Catalog.Catalog;

namespace IOx.Pg.Storage.Persist;

/// <summary>
/// Compacts a table's persisted files, one partition (UTC day) at a time:
/// <list type="bullet">
/// <item>a day some delete still filters is rewritten whole, without the deleted rows;</item>
/// <item>otherwise, when the day's newest files are small (below the target size) and at least
/// <see cref="CompactionOptions.MinFiles"/> of them follow each other, those are merged.</item>
/// </list>
/// Merging reads the files in write order, removes deleted rows, sorts and deduplicates with
/// <see cref="DedupKernel"/> (the later write wins, as on read) and writes files of about the target
/// size (split by series, so they never overlap in identity). The catalog swaps old for new in one
/// transaction (<see cref="CatalogStore.SwapFiles"/>; old objects stay for the grace period), then
/// the table's in-memory file list changes under its lock. A delete none of whose files is live any
/// more, and whose WAL records are all persisted, is dropped. The caller runs this with persists
/// and deletes held off (<see cref="Persister.RunExclusiveAsync"/>).
///
/// Crash safety: before the swap commits, new objects are orphans (start-up removes them) and the
/// old files stay live; after it, the catalog names only the new ones. Nothing is visible twice.
/// </summary>
public sealed class Compactor
{
    /// <summary>The catalog.</summary>
    private readonly CatalogStore _catalog;

    /// <summary>Where files live.</summary>
    private readonly IObjectStore _store;

    /// <summary>Thresholds.</summary>
    private readonly CompactionOptions _options;

    /// <summary>Parquet options of written files.</summary>
    private readonly ParquetWriterOptions _writerOptions;

    /// <summary>Creates a compactor.</summary>
    public Compactor(CatalogStore catalog, IObjectStore store, CompactionOptions? options = null, ParquetWriterOptions? writerOptions = null)
    {
        _catalog = catalog;
        _store = store;
        _options = options ?? new CompactionOptions();
        _writerOptions = writerOptions ?? ParquetWriterOptions.Default;
    }

    /// <summary>Test hook run after the new objects are written, before the catalog swap: throwing simulates a crash there.</summary>
    public Action? BeforeSwap { get; set; }

    /// <summary>
    /// Compacts what is due in <paramref name="table"/> of <paramref name="database"/>; with
    /// <paramref name="force"/> (VACUUM) every day with two or more files is merged too.
    /// </summary>
    public async Task<CompactionResult> CompactTableAsync(string database, TableBuffer table, bool force, CancellationToken cancellationToken)
    {
        long tableId = table.CatalogState.TableId;
        if (tableId == 0)
        {
            // Never persisted: no files, and a delete of it may only be waiting for its WAL records.
            return DropPhysicalTombstones(table, tableId);
        }

        IReadOnlyList<PersistedFile> files = table.Files;
        if (files.Count == 0)
        {
            return DropPhysicalTombstones(table, tableId);
        }

        Schema schema = CatalogSchema(tableId);
        IReadOnlyList<Tombstone> tombstones = table.Tombstones;
        var byDay = new SortedDictionary<DateOnly, List<PersistedFile>>();
        foreach (PersistedFile file in files)
        {
            if (!byDay.TryGetValue(file.File.PartitionDay, out List<PersistedFile>? day))
            {
                byDay.Add(file.File.PartitionDay, day = []);
            }

            day.Add(file);
        }

        CompactionResult result = CompactionResult.Empty;
        foreach ((DateOnly day, List<PersistedFile> dayFiles) in byDay)
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<PersistedFile>? chosen = Choose(dayFiles, tombstones, force);
            if (chosen is not null)
            {
                result = result.Add(await MergeAsync(database, table, tableId, schema, day, chosen, tombstones, cancellationToken).ConfigureAwait(false));
            }
        }

        return result.Add(DropPhysicalTombstones(table, tableId));
    }

    /// <summary>The files of one day to merge, or null when the day needs nothing.</summary>
    private List<PersistedFile>? Choose(List<PersistedFile> dayFiles, IReadOnlyList<Tombstone> tombstones, bool force)
    {
        foreach (PersistedFile file in dayFiles)
        {
            foreach (Tombstone t in tombstones)
            {
                if (t.AppliesToFile(file.File.Id, file.File.MinTime, file.File.MaxTime))
                {
                    return dayFiles;
                }
            }
        }

        if (force)
        {
            return dayFiles.Count >= 2 ? dayFiles : null;
        }

        // The newest run of small files: merging a suffix keeps write order (the output takes the
        // place of the oldest file it replaces; every file before it is older than all its rows).
        int start = dayFiles.Count;
        while (start > 0 && dayFiles[start - 1].File.SizeBytes < _options.TargetFileBytes)
        {
            start--;
        }

        int count = dayFiles.Count - start;
        return count >= Math.Max(2, _options.MinFiles) ? dayFiles.GetRange(start, count) : null;
    }

    /// <summary>Merges <paramref name="chosen"/> (write order) into new files and swaps them in.</summary>
    private async Task<CompactionResult> MergeAsync(
        string database, TableBuffer table, long tableId, Schema schema, DateOnly day, List<PersistedFile> chosen, IReadOnlyList<Tombstone> tombstones, CancellationToken cancellationToken)
    {
        var input = new List<RecordBatch>();
        long rowsIn = 0;
        long bytesIn = 0;
        int level = 0;
        foreach (PersistedFile file in chosen)
        {
            rowsIn += file.File.RowCount;
            bytesIn += file.File.SizeBytes;
            level = Math.Max(level, file.File.CompactionLevel + 1);
            var predicates = new List<DeletePredicate>();
            foreach (Tombstone t in tombstones)
            {
                if (t.AppliesToFile(file.File.Id, file.File.MinTime, file.File.MaxTime))
                {
                    predicates.Add(t.Predicate);
                }
            }

            foreach (RecordBatch batch in ReadWhole(file, schema, cancellationToken))
            {
                RecordBatch kept = RowRemoval.Apply(batch, predicates, out _);
                if (kept.RowCount > 0)
                {
                    input.Add(kept);
                }
            }
        }

        var newFiles = new List<NewParquetFile>();
        var written = new List<string>();
        long rowsOut = 0;
        try
        {
            IReadOnlyList<DedupPartition> partitions = DedupKernel.SortAndMerge(schema, input, partitionByDay: false);
            long bytesPerRow = rowsIn == 0 ? 64 : Math.Max(1, bytesIn / rowsIn);
            long rowsPerFile = Math.Max(RecordBatch.MaxRows, _options.TargetFileBytes / bytesPerRow);
            foreach (DedupPartition partition in partitions)
            {
                var chunk = new List<RecordBatch>();
                long chunkRows = 0;
                foreach (RecordBatch batch in partition.Batches)
                {
                    chunk.Add(batch);
                    chunkRows += batch.RowCount;
                    if (chunkRows >= rowsPerFile)
                    {
                        rowsOut += await WriteAsync(database, table.Name, schema, day, level, chunk, newFiles, written, cancellationToken).ConfigureAwait(false);
                        chunk = [];
                        chunkRows = 0;
                    }
                }

                if (chunk.Count > 0)
                {
                    rowsOut += await WriteAsync(database, table.Name, schema, day, level, chunk, newFiles, written, cancellationToken).ConfigureAwait(false);
                }
            }

            BeforeSwap?.Invoke();
            var oldIds = new long[chosen.Count];
            for (int i = 0; i < oldIds.Length; i++)
            {
                oldIds[i] = chosen[i].File.Id;
            }

            IReadOnlyList<CatalogFile> recorded = _catalog.SwapFiles(tableId, oldIds, newFiles, _options.GracePeriod);
            written.Clear();
            var attached = new PersistedFile[recorded.Count];
            for (int i = 0; i < attached.Length; i++)
            {
                attached[i] = new PersistedFile(recorded[i], _store);
            }

            table.CompleteCompaction(new HashSet<long>(oldIds), attached, new HashSet<long>());
        }
        catch
        {
            // Objects the catalog does not name are garbage (start-up sweeps whatever remains).
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

        return new CompactionResult(1, chosen.Count, newFiles.Count, rowsIn, rowsOut, 0);
    }

    /// <summary>Writes one output file; returns its rows.</summary>
    private async Task<long> WriteAsync(
        string database, string tableName, Schema schema, DateOnly day, int level, List<RecordBatch> batches, List<NewParquetFile> newFiles, List<string> written, CancellationToken cancellationToken)
    {
        long rows = 0;
        long min = long.MaxValue;
        long max = long.MinValue;
        foreach (RecordBatch batch in batches)
        {
            rows += batch.RowCount;
            foreach (long t in ((PrimitiveColumn<long>)batch.Column(0)).Values)
            {
                min = Math.Min(min, t);
                max = Math.Max(max, t);
            }
        }

        byte[] content;
        using (var stream = new MemoryStream())
        {
            ParquetWriter.WriteFile(stream, schema, batches, _writerOptions);
            content = stream.ToArray();
        }

        string key = ObjectKeys.ParquetFile(database, tableName, day, Guid.NewGuid());
        written.Add(key);
        await _store.PutAsync(key, content, cancellationToken).ConfigureAwait(false);
        newFiles.Add(new NewParquetFile(day, key, min, max, rows, content.Length, level, Persister.FileStatistics(schema, content)));
        return rows;
    }

    /// <summary>Every row of a file as batches of <paramref name="schema"/> (columns the file lacks read as nulls).</summary>
    private static IEnumerable<RecordBatch> ReadWhole(PersistedFile file, Schema schema, CancellationToken cancellationToken)
    {
        var reader = new ParquetReader(file.ReadAll(cancellationToken));
        var names = new List<string>(schema.Count);
        var sourceIndex = new int[schema.Count];
        for (int c = 0; c < schema.Count; c++)
        {
            int inFile = reader.Schema.IndexOf(schema[c].Name);
            sourceIndex[c] = inFile < 0 ? -1 : names.Count;
            if (inFile >= 0)
            {
                names.Add(schema[c].Name);
            }
        }

        foreach (RecordBatch read in reader.Read(names))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var columns = new Column[schema.Count];
            for (int c = 0; c < columns.Length; c++)
            {
                columns[c] = sourceIndex[c] >= 0 ? read.Column(sourceIndex[c]) : NullColumns.Create(schema[c].Type, read.RowCount);
            }

            yield return new RecordBatch(schema, columns, read.RowCount);
        }
    }

    /// <summary>The table's columns as the catalog records them (what files may hold), time first.</summary>
    private Schema CatalogSchema(long tableId)
    {
        IReadOnlyList<CatalogColumn> columns = _catalog.GetColumns(tableId);
        var fields = new Field[columns.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = new Field(columns[i].Name, columns[i].Type, columns[i].Role);
        }

        return new Schema(fields);
    }

    /// <summary>
    /// Drops the deletes that remove nothing any more: none of their files is live, and every WAL
    /// record written before them is persisted (so start-up replays none of their rows).
    /// </summary>
    private CompactionResult DropPhysicalTombstones(TableBuffer table, long tableId)
    {
        IReadOnlyList<Tombstone> tombstones = table.Tombstones;
        if (tombstones.Count == 0 || tableId == 0)
        {
            return CompactionResult.Empty;
        }

        ulong persisted = _catalog.GetPersistedWalSequence();
        var live = new HashSet<long>();
        foreach (PersistedFile file in table.Files)
        {
            live.Add(file.File.Id);
        }

        var dropped = new List<long>();
        foreach (Tombstone t in tombstones)
        {
            if (t.WalSequence <= persisted && !t.FileIds.Overlaps(live))
            {
                dropped.Add(t.Id);
            }
        }

        if (dropped.Count == 0)
        {
            return CompactionResult.Empty;
        }

        _catalog.RemoveDeletes(dropped);
        table.CompleteCompaction(new HashSet<long>(), [], new HashSet<long>(dropped));
        return new CompactionResult(0, 0, 0, 0, 0, dropped.Count);
    }
}
