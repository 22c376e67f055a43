using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Format;
using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Reader;

/// <summary>
/// Page-index pruning: reads each chunk's <see cref="ColumnIndex"/> and <see cref="OffsetIndex"/>
/// once (kept with the reader, which a footer cache may keep across queries) and, within a row
/// group the chunk statistics keep, decodes only the data pages whose bounds may match every
/// predicate. Pages are selected as whole rows of pages, so this applies only where the projected
/// and predicate columns' pages start at the same rows (true of every file we write, where pages
/// are cut by row count); elsewhere the row group is read whole, which is always correct. Rows of
/// kept pages are not filtered: the predicates only prune.
/// </summary>
public sealed partial class ParquetReader
{
    /// <summary>Page index per row group and column, loaded on first use; null entries: the chunk has none (or an unusable one).</summary>
    private ChunkPageIndex?[][]? _pageIndexes;

    /// <summary>Guards the one-time load of <see cref="_pageIndexes"/>.</summary>
    private readonly object _pageIndexLock = new();

    /// <summary>One chunk's page index, validated against the chunk.</summary>
    /// <param name="Column">Page bounds, or null when the chunk has none.</param>
    /// <param name="Offsets">Page locations.</param>
    private sealed record ChunkPageIndex(ColumnIndex? Column, OffsetIndex Offsets);

    /// <summary>
    /// Reads the named columns (all when null) like <see cref="Read(IReadOnlyList{string}?, IReadOnlyList{ColumnRangePredicate}?, int)"/>,
    /// also skipping data pages the page index rules out, and counts what it did in <paramref name="counters"/>.
    /// </summary>
    public IEnumerable<RecordBatch> ReadPruned(IReadOnlyList<string>? columns, IReadOnlyList<ColumnRangePredicate>? predicates, ParquetScanCounters counters, int batchRows = RecordBatch.MaxRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        int[] projection = Project(columns);
        int[]? predicateColumns = null;
        if (predicates is { Count: > 0 })
        {
            var names = new string[predicates.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = predicates[i].Column;
            }

            predicateColumns = Project(names);
        }

        for (int rowGroup = 0; rowGroup < RowGroupCount; rowGroup++)
        {
            if (predicates is not null && !RowGroupMayMatch(rowGroup, predicates))
            {
                counters.RowGroupsPruned++;
                continue;
            }

            bool[]? keep = predicateColumns is null ? null : SelectPages(rowGroup, projection, predicates!, predicateColumns);
            if (keep is null)
            {
                counters.RowGroupsRead++;
                counters.PagesRead += PageCount(rowGroup, projection);
                counters.RowsRead += Metadata.RowGroups[rowGroup].NumRows;
                foreach (RecordBatch batch in ReadRowGroup(rowGroup, projection, batchRows))
                {
                    yield return batch;
                }

                continue;
            }

            int kept = 0;
            foreach (bool k in keep)
            {
                kept += k ? 1 : 0;
            }

            counters.PagesPruned += keep.Length - kept;
            if (kept == 0)
            {
                counters.RowGroupsPruned++;
                continue;
            }

            counters.RowGroupsRead++;
            counters.PagesRead += kept;
            foreach (RecordBatch batch in ReadPages(rowGroup, projection, keep, counters, batchRows))
            {
                yield return batch;
            }
        }
    }

    /// <summary>
    /// Which data pages of the row group may match, by the page index of the predicate columns; null
    /// when the page index cannot be used (missing, or pages not aligned across the columns) or keeps every page.
    /// </summary>
    private bool[]? SelectPages(int rowGroup, int[] projection, IReadOnlyList<ColumnRangePredicate> predicates, int[] predicateColumns)
    {
        ChunkPageIndex?[] indexes = PageIndexes()[rowGroup];
        OffsetIndex? reference = null;
        foreach (int column in projection)
        {
            if (!Aligned(indexes[column], ref reference))
            {
                return null;
            }
        }

        foreach (int column in predicateColumns)
        {
            if (!Aligned(indexes[column], ref reference))
            {
                return null;
            }
        }

        List<PageLocation> pages = reference!.PageLocations;
        long groupRows = Metadata.RowGroups[rowGroup].NumRows;
        var keep = new bool[pages.Count];
        Array.Fill(keep, true);
        bool prunedAny = false;
        for (int p = 0; p < predicates.Count; p++)
        {
            int column = predicateColumns[p];
            if (indexes[column]!.Column is not { } columnIndex)
            {
                continue;
            }

            ColumnMetaData chunk = Metadata.RowGroups[rowGroup].Columns[column].MetaData!;
            for (int page = 0; page < keep.Length; page++)
            {
                if (!keep[page])
                {
                    continue;
                }

                long rows = (page + 1 < pages.Count ? pages[page + 1].FirstRowIndex : groupRows) - pages[page].FirstRowIndex;
                if (!predicates[p].MayMatch(PageStatistics(columnIndex, page, chunk, column, rows)))
                {
                    keep[page] = false;
                    prunedAny = true;
                }
            }
        }

        return prunedAny ? keep : null;
    }

    /// <summary>Whether a chunk's offset index exists and starts its pages at the same rows as <paramref name="reference"/> (which the first one becomes).</summary>
    private static bool Aligned(ChunkPageIndex? index, ref OffsetIndex? reference)
    {
        if (index is null)
        {
            return false;
        }

        if (reference is null)
        {
            reference = index.Offsets;
            return true;
        }

        List<PageLocation> a = reference.PageLocations;
        List<PageLocation> b = index.Offsets.PageLocations;
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].FirstRowIndex != b[i].FirstRowIndex)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One page's bounds as chunk-style statistics (page-index bounds always use the type-defined order).</summary>
    private ColumnStatistics? PageStatistics(ColumnIndex index, int page, ColumnMetaData chunk, int column, long rows)
    {
        long? nulls = index.NullCounts?[page];
        if (index.NullPages[page])
        {
            return new ColumnStatistics { Type = Schema[column].Type, RowCount = rows, NullCount = rows };
        }

        var metaData = new ColumnMetaData
        {
            Type = chunk.Type,
            NumValues = rows,
            Statistics = new Statistics { MinValue = index.MinValues[page], MaxValue = index.MaxValues[page], NullCount = nulls },
        };
        return ColumnStatistics.From(metaData, Schema[column].Type, _scales[column], typeDefinedOrder: true);
    }

    /// <summary>Data pages of the row group's first projected column (for counting when no page is skipped).</summary>
    private int PageCount(int rowGroup, int[] projection)
    {
        if (projection.Length == 0 || _pageIndexes is null)
        {
            return 0;
        }

        return _pageIndexes[rowGroup][projection[0]]?.Offsets.PageLocations.Count ?? 0;
    }

    /// <summary>Reads only the kept pages of each projected column (fetching runs of adjacent pages at once).</summary>
    private IEnumerable<RecordBatch> ReadPages(int rowGroup, int[] projection, bool[] keep, ParquetScanCounters counters, int batchRows)
    {
        RowGroup group = Metadata.RowGroups[rowGroup];
        ChunkPageIndex?[] indexes = PageIndexes()[rowGroup];
        List<PageLocation> reference = indexes[projection.Length > 0 ? projection[0] : 0]!.Offsets.PageLocations;
        long rows = 0;
        for (int page = 0; page < keep.Length; page++)
        {
            if (keep[page])
            {
                rows += (page + 1 < reference.Count ? reference[page + 1].FirstRowIndex : group.NumRows) - reference[page].FirstRowIndex;
            }
        }

        counters.RowsRead += rows;
        var fields = new Field[projection.Length];
        var readers = new ColumnChunkReader[projection.Length];
        for (int i = 0; i < projection.Length; i++)
        {
            int column = projection[i];
            fields[i] = Schema[column];
            ColumnMetaData metaData = group.Columns[column].MetaData!;
            byte[] bytes = GatherPages(metaData, indexes[column]!.Offsets.PageLocations, keep);
            readers[i] = new ColumnChunkReader(bytes, _leaves[column], metaData, fields[i].Type, _scales[column], rows);
        }

        return ReadBatches(new Schema(fields), readers, rows, batchRows);
    }

    /// <summary>The chunk's dictionary page (whatever precedes the first data page) followed by the kept data pages.</summary>
    private byte[] GatherPages(ColumnMetaData metaData, List<PageLocation> pages, bool[] keep)
    {
        long chunkStart = ChunkStart(metaData);
        long prefix = pages[0].Offset - chunkStart;
        long total = prefix;
        for (int page = 0; page < keep.Length; page++)
        {
            total += keep[page] ? pages[page].CompressedPageSize : 0;
        }

        byte[] bytes = new byte[total];
        int written = 0;
        if (prefix > 0)
        {
            ReadRange(chunkStart, (int)prefix).Span.CopyTo(bytes);
            written = (int)prefix;
        }

        int run = 0;
        while (run < keep.Length)
        {
            if (!keep[run])
            {
                run++;
                continue;
            }

            int end = run;
            while (end + 1 < keep.Length && keep[end + 1] && pages[end].Offset + pages[end].CompressedPageSize == pages[end + 1].Offset)
            {
                end++;
            }

            long start = pages[run].Offset;
            int length = (int)(pages[end].Offset + pages[end].CompressedPageSize - start);
            ReadRange(start, length).Span.CopyTo(bytes.AsSpan(written));
            written += length;
            run = end + 1;
        }

        return bytes;
    }

    /// <summary>The page indexes of every chunk, read on first use (in one range when they lie together, as writers lay them out).</summary>
    private ChunkPageIndex?[][] PageIndexes()
    {
        if (Volatile.Read(ref _pageIndexes) is { } loaded)
        {
            return loaded;
        }

        lock (_pageIndexLock)
        {
            if (_pageIndexes is not null)
            {
                return _pageIndexes;
            }

            long first = long.MaxValue;
            long end = long.MinValue;
            foreach (RowGroup group in Metadata.RowGroups)
            {
                foreach (ColumnChunk chunk in group.Columns)
                {
                    Extend(chunk.ColumnIndexOffset, chunk.ColumnIndexLength, ref first, ref end);
                    Extend(chunk.OffsetIndexOffset, chunk.OffsetIndexLength, ref first, ref end);
                }
            }

            // The index region must lie between the data and the footer; anything else is ignored (read whole row groups).
            ReadOnlyMemory<byte> region = first <= end && first >= ParquetConstants.Magic.Length && end <= _footerStart && end - first <= int.MaxValue
                ? ReadRange(first, (int)(end - first))
                : ReadOnlyMemory<byte>.Empty;
            var result = new ChunkPageIndex?[Metadata.RowGroups.Count][];
            for (int g = 0; g < result.Length; g++)
            {
                RowGroup group = Metadata.RowGroups[g];
                result[g] = new ChunkPageIndex?[group.Columns.Count];
                for (int c = 0; c < group.Columns.Count; c++)
                {
                    result[g][c] = region.IsEmpty ? null : ParseChunkIndex(group, group.Columns[c], region.Span, first);
                }
            }

            Volatile.Write(ref _pageIndexes, result);
            return result;
        }
    }

    /// <summary>Widens [first, end) by an index's range.</summary>
    private static void Extend(long? offset, int? length, ref long first, ref long end)
    {
        if (offset is { } o && length is { } l && l > 0)
        {
            first = Math.Min(first, o);
            end = Math.Max(end, o + l);
        }
    }

    /// <summary>A chunk's page index parsed from the index region, or null when it is missing or inconsistent with the chunk.</summary>
    private static ChunkPageIndex? ParseChunkIndex(RowGroup group, ColumnChunk chunk, ReadOnlySpan<byte> region, long regionStart)
    {
        if (chunk.OffsetIndexOffset is not { } offsetAt || chunk.OffsetIndexLength is not { } offsetLength || chunk.MetaData is not { } metaData)
        {
            return null;
        }

        try
        {
            var reader = new ThriftCompactReader(region.Slice((int)(offsetAt - regionStart), offsetLength));
            OffsetIndex offsets = OffsetIndex.Read(ref reader);
            List<PageLocation> pages = offsets.PageLocations;
            long chunkStart = ChunkStart(metaData);
            long chunkEnd = chunkStart + metaData.TotalCompressedSize;
            if (pages.Count == 0 || pages[0].FirstRowIndex != 0)
            {
                return null;
            }

            for (int i = 0; i < pages.Count; i++)
            {
                PageLocation page = pages[i];
                bool ordered = i == 0 || (page.FirstRowIndex > pages[i - 1].FirstRowIndex && page.Offset >= pages[i - 1].Offset + pages[i - 1].CompressedPageSize);
                if (!ordered || page.Offset < chunkStart || page.CompressedPageSize <= 0 || page.Offset + page.CompressedPageSize > chunkEnd || page.FirstRowIndex >= group.NumRows)
                {
                    return null;
                }
            }

            ColumnIndex? bounds = null;
            if (chunk.ColumnIndexOffset is { } columnAt && chunk.ColumnIndexLength is { } columnLength)
            {
                var columnReader = new ThriftCompactReader(region.Slice((int)(columnAt - regionStart), columnLength));
                bounds = ColumnIndex.Read(ref columnReader);
                if (bounds.NullPages.Count != pages.Count)
                {
                    bounds = null;
                }
            }

            return new ChunkPageIndex(bounds, offsets);
        }
        catch (Exception e) when (e is ParquetFormatException or ThriftProtocolException or ArgumentOutOfRangeException)
        {
            // A damaged index costs only its pruning: the chunk is read whole, checked by the page decoder.
            return null;
        }
    }
}
