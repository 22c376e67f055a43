using System.Runtime.CompilerServices;
using IOx.Pg.Executor.Operators.Scan;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Executor.Operators;

/// <summary>
/// Reads a <see cref="TableSnapshot"/>: its persisted files and its in-memory parts, only the
/// projected columns (buffer batches zero copy; a column a batch or file predates reads as
/// nulls), skipping files, row groups and buffer batches whose time span lies outside the scan's
/// time range. Rows inside a kept batch are not filtered here: the Filter above still applies the
/// predicate.
///
/// Deduplication only where needed: the sources (each file, the sealed part, the live part) are
/// grouped into sets of transitively overlapping time ranges. A group of one source that cannot
/// hold duplicates on its own (every file; a buffer part whose writes only ever went forward in
/// time per tag set) is read as is; any other group is read with every tag column and merged by
/// <see cref="DedupKernel"/> — the rule persistence applies, the later write winning per column —
/// before projecting.
/// </summary>
public sealed class TableScanOperator : Operator, IReportsStatistics
{
    /// <summary>Min/max time per batch; batches are immutable, so this never goes stale.</summary>
    private static readonly ConditionalWeakTable<RecordBatch, StrongBox<(long Min, long Max)>> s_timeStats = new();

    /// <summary>The budget of the query this operator was built for (the merge of overlapping sources charges it).</summary>
    private readonly Memory.QueryMemoryBudget _budget = Memory.QueryMemoryBudget.Current;

    /// <summary>The snapshot read.</summary>
    private readonly TableSnapshot _snapshot;

    /// <summary>Table column index of each output column.</summary>
    private readonly int[] _projection;

    /// <summary>Times admitted; batches wholly outside are skipped.</summary>
    private readonly TimeRange _timeRange;

    /// <summary>Output schema.</summary>
    private readonly Schema _schema;

    /// <summary>Predicates on table columns every wanted row satisfies (by name); files, row groups and pages they rule out are skipped. Null: none.</summary>
    private readonly IReadOnlyList<ColumnRangePredicate>? _predicates;

    /// <summary>Row groups and pages read or skipped in the persisted files in the last run.</summary>
    private ParquetScanCounters _fileCounters = new();

    /// <summary>Creates the scan.</summary>
    public TableScanOperator(TableSnapshot snapshot, int[] projection, TimeRange timeRange, IReadOnlyList<ColumnRangePredicate>? predicates = null)
    {
        _predicates = predicates is { Count: > 0 } ? predicates : null;
        _snapshot = snapshot;
        _projection = projection;
        _timeRange = timeRange;
        var fields = new Field[projection.Length];
        for (int i = 0; i < projection.Length; i++)
        {
            fields[i] = snapshot.Schema[projection[i]];
        }

        _schema = new Schema(fields);
    }

    /// <summary>The snapshot read (fixed at construction: what the plan's order decisions must be checked against).</summary>
    public TableSnapshot Snapshot => _snapshot;

    /// <summary>Times admitted.</summary>
    public TimeRange TimeRange => _timeRange;

    /// <summary>lastpoint early stop (set by the planner under DISTINCT ON (tag) ORDER BY tag, time DESC or max(time) GROUP BY tag): reads time groups newest first, or null.</summary>
    public LastPointReading? LastPoint { get; set; }

    /// <summary>Buffer batches skipped by time range in the last run (for tests and EXPLAIN ANALYZE later).</summary>
    public int SkippedBatches { get; private set; }

    /// <summary>Buffer batches skipped in the last run because the series index showed no row of a wanted tag value.</summary>
    public int SeriesSkippedBatches { get; private set; }

    /// <summary>Buffer batches of which the series index let the last run read only the matching rows.</summary>
    public int SeriesNarrowedBatches { get; private set; }

    /// <summary>Files skipped by time range in the last run.</summary>
    public int SkippedFiles { get; private set; }

    /// <summary>Groups of overlapping sources merged by deduplication in the last run.</summary>
    public int DeduplicatedGroups { get; private set; }

    /// <summary>Persisted files read in the last run.</summary>
    public int FilesRead { get; private set; }

    /// <summary>Row groups and pages of persisted files read or skipped in the last run.</summary>
    public ParquetScanCounters FileCounters => _fileCounters;

    /// <inheritdoc/>
    public string DescribeStatistics() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"files={FilesRead} files_pruned={SkippedFiles} buffer_batches_pruned={SkippedBatches} merged_groups={DeduplicatedGroups}")
        + (SeriesSkippedBatches + SeriesNarrowedBatches == 0 ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $" series_index_skipped={SeriesSkippedBatches} series_index_narrowed={SeriesNarrowedBatches}"))
        + (LastPoint is null ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $" files_skipped_lastpoint={LastPoint.FilesSkipped} buffer_parts_skipped_lastpoint={LastPoint.BufferPartsSkipped}"))
        + (FilesRead == 0 ? "" : ScanStatistics.DescribeFiles(_fileCounters));

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        SkippedBatches = 0;
        SeriesSkippedBatches = 0;
        SeriesNarrowedBatches = 0;
        SkippedFiles = 0;
        DeduplicatedGroups = 0;
        FilesRead = 0;
        _fileCounters = new ParquetScanCounters();
        if (_timeRange.IsEmpty)
        {
            yield break;
        }

        List<ScanSource> sources = Sources();
        if (LastPoint is { } lastPoint)
        {
            if (LastPointReading.NewestFirst(sources) is { } groups)
            {
                // No key (-1): the reading never asks for keys; time stands in so the schema is valid.
                int key = Math.Max(lastPoint.KeyColumn, 0);
                var keySchema = new Schema([_schema[key]]);
                int[] keyColumns = [_projection[key]];
                bool rawReads = _timeRange.IsAll && _predicates is null && _snapshot.Tombstones.Count == 0;
                foreach (RecordBatch batch in lastPoint.Read(groups, group => ReadGroup(group, cancellationToken), source => ReadKeys(source, keyColumns, keySchema, cancellationToken), keySchema[0].Name, rawReads, cancellationToken))
                {
                    yield return batch;
                }

                yield break;
            }

            lastPoint.BeginPlainRun();
        }

        sources.Sort(static (a, b) => a.MinTime != b.MinTime ? a.MinTime.CompareTo(b.MinTime) : a.WriteOrder.CompareTo(b.WriteOrder));
        int start = 0;
        while (start < sources.Count)
        {
            // A group: sources whose time ranges overlap transitively (sorted by min time, a sweep suffices).
            int end = start + 1;
            long groupMax = sources[start].MaxTime;
            while (end < sources.Count && sources[end].MinTime <= groupMax)
            {
                groupMax = Math.Max(groupMax, sources[end].MaxTime);
                end++;
            }

            if (end - start == 1 && !sources[start].MayHaveDuplicates)
            {
                foreach (RecordBatch batch in ReadPlain(sources[start], cancellationToken))
                {
                    yield return batch;
                }
            }
            else
            {
                DeduplicatedGroups++;
                foreach (RecordBatch batch in ReadMerged(sources.GetRange(start, end - start), cancellationToken))
                {
                    yield return batch;
                }
            }

            start = end;
        }
    }

    /// <summary>One group of overlapping sources, read the way the ordinary sweep reads it (as is, or merged).</summary>
    private IEnumerable<RecordBatch> ReadGroup(List<ScanSource> group, CancellationToken cancellationToken)
    {
        if (group.Count == 1 && !group[0].MayHaveDuplicates)
        {
            return ReadPlain(group[0], cancellationToken);
        }

        DeduplicatedGroups++;
        return ReadMerged(group, cancellationToken);
    }

    /// <summary>Only the given key column of one source (every row that may survive: a superset of the keys the source delivers).</summary>
    private IEnumerable<RecordBatch> ReadKeys(ScanSource source, int[] keyColumns, Schema keySchema, CancellationToken cancellationToken) =>
        source.File is { } file
            ? TombstoneReading.Read(file, keySchema, _timeRange, _predicates, _fileCounters, _snapshot.Tombstones, cancellationToken)
            : ReadBuffer(source.Buffer!, keyColumns, keySchema, cancellationToken);

    /// <summary>The snapshot's sources overlapping the time range, numbered in write order (files oldest first, then sealed, then live).</summary>
    private List<ScanSource> Sources()
    {
        var sources = new List<ScanSource>(_snapshot.Files.Count + _snapshot.BufferSources.Count);
        int order = 0;
        foreach (PersistedFile file in _snapshot.Files)
        {
            if (_timeRange.Overlaps(file.File.MinTime, file.File.MaxTime))
            {
                sources.Add(new ScanSource(file, null, file.File.MinTime, file.File.MaxTime, false, order));
                FilesRead++;
            }
            else
            {
                SkippedFiles++;
            }

            order++;
        }

        foreach (BufferSource part in _snapshot.BufferSources)
        {
            if (part.Batches.Count > 0 && _timeRange.Overlaps(part.MinTime, part.MaxTime))
            {
                sources.Add(new ScanSource(null, part, part.MinTime, part.MaxTime, part.MayHaveDuplicates, order));
            }
            else
            {
                SkippedBatches += part.Batches.Count;
            }

            order++;
        }

        return sources;
    }

    /// <summary>One source as is, projected.</summary>
    private IEnumerable<RecordBatch> ReadPlain(ScanSource source, CancellationToken cancellationToken)
    {
        if (source.File is { } file)
        {
            return TombstoneReading.Read(file, _schema, _timeRange, _predicates, _fileCounters, _snapshot.Tombstones, cancellationToken);
        }

        return ReadBuffer(source.Buffer!, _projection, _schema, cancellationToken);
    }

    /// <summary>Buffer batches with the given table columns, skipping batches outside the time range.</summary>
    private IEnumerable<RecordBatch> ReadBuffer(BufferSource part, int[] columns, Schema schema, CancellationToken cancellationToken)
    {
        // Tag equalities narrow each batch to its matching rows through the per-series index.
        SeriesSelection? series = SeriesSelection.Create(_snapshot.Schema, _predicates, _timeRange);
        foreach (RecordBatch batch in part.Batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (batch.RowCount == 0)
            {
                continue;
            }

            if (!_timeRange.IsAll)
            {
                (long min, long max) = TimeStats(batch);
                if (!_timeRange.Overlaps(min, max))
                {
                    SkippedBatches++;
                    continue;
                }
            }

            if (series is not null && series.Select(batch))
            {
                if (series.Count == 0)
                {
                    SeriesSkippedBatches++;
                    continue;
                }

                // Gathering most of a batch would copy it twice (here and in the filter above),
                // so past half the rows the whole batch goes up zero copy and the filter narrows it.
                if (series.Count <= batch.RowCount / 2)
                {
                    SeriesNarrowedBatches++;
                    yield return Take(batch, series.Rows, columns, schema);
                    continue;
                }
            }

            var output = new Column[columns.Length];
            for (int i = 0; i < output.Length; i++)
            {
                output[i] = _snapshot.GetColumn(batch, columns[i]);
            }

            yield return new RecordBatch(schema, output, batch.RowCount);
        }
    }

    /// <summary>The rows <paramref name="rows"/> of <paramref name="batch"/>, with the given table columns.</summary>
    private RecordBatch Take(RecordBatch batch, ReadOnlySpan<int> rows, int[] columns, Schema schema)
    {
        var output = new Column[columns.Length];
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = columns[i] < batch.Schema.Count
                ? Kernels.ColumnFactory.Take(batch.Column(columns[i]), rows)
                : NullColumns.Create(_snapshot.Schema[columns[i]].Type, rows.Length);
        }

        return new RecordBatch(schema, output, rows.Length);
    }

    /// <summary>Overlapping sources read with every tag and time, merged, then projected.</summary>
    private IEnumerable<RecordBatch> ReadMerged(List<ScanSource> group, CancellationToken cancellationToken)
    {
        // The merge needs the identity (every tag, time) even when the query projects none of it.
        Schema table = _snapshot.Schema;
        var needed = new SortedSet<int>(_projection);
        for (int c = 0; c < table.Count; c++)
        {
            if (table[c].Role is ColumnRole.Tag or ColumnRole.Time)
            {
                needed.Add(c);
            }
        }

        int[] columns = [.. needed];
        var fields = new Field[columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            fields[i] = table[columns[i]];
        }

        var mergeSchema = new Schema(fields);
        group.Sort(static (a, b) => a.WriteOrder.CompareTo(b.WriteOrder));
        var input = new List<RecordBatch>();
        using var memory = new Memory.MemoryReservation(_budget, "TableScan merge of overlapping sources");
        foreach (ScanSource source in group)
        {
            IEnumerable<RecordBatch> batches = source.File is { } file
                ? TombstoneReading.Read(file, mergeSchema, _timeRange, _predicates, _fileCounters, _snapshot.Tombstones, cancellationToken)
                : ReadBuffer(source.Buffer!, columns, mergeSchema, cancellationToken);
            foreach (RecordBatch batch in batches)
            {
                memory.Grow(batch);
                input.Add(batch);
            }
        }

        // The sort and merge write a deduplicated copy while the input is still held.
        memory.Grow(memory.Bytes);

        var outputIndex = new int[_projection.Length];
        for (int i = 0; i < outputIndex.Length; i++)
        {
            outputIndex[i] = Array.IndexOf(columns, _projection[i]);
        }

        foreach (DedupPartition partition in DedupKernel.SortAndMerge(mergeSchema, input, partitionByDay: false))
        {
            foreach (RecordBatch merged in partition.Batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var output = new Column[outputIndex.Length];
                for (int i = 0; i < output.Length; i++)
                {
                    output[i] = merged.Column(outputIndex[i]);
                }

                yield return new RecordBatch(_schema, output, merged.RowCount);
            }
        }
    }

    /// <summary>The batch's min and max time (column 0 is time and has no nulls).</summary>
    private static (long Min, long Max) TimeStats(RecordBatch batch) =>
        s_timeStats.GetValue(batch, static b =>
        {
            ReadOnlySpan<long> times = ((PrimitiveColumn<long>)b.Column(0)).Values;
            long min = long.MaxValue;
            long max = long.MinValue;
            foreach (long t in times)
            {
                min = Math.Min(min, t);
                max = Math.Max(max, t);
            }

            return new StrongBox<(long, long)>((min, max));
        }).Value;
}
