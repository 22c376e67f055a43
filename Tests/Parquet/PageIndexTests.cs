using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Format;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Parquet.Thrift;
using IOx.Pg.Storage.Parquet.Writer;

namespace IOx.Pg.Tests.Parquet;

/// <summary>The page index we write (ColumnIndex + OffsetIndex) and page skipping by it: never a missed row, and pages really skipped.</summary>
public sealed class PageIndexTests
{
    /// <summary>Rows of the test file.</summary>
    private const int Rows = 5000;

    /// <summary>Writes <see cref="TestTables"/> rows with small pages and row groups.</summary>
    private static byte[] WriteFile(int pageRows = 100, int rowGroupRows = 2000)
    {
        using var stream = new MemoryStream();
        ParquetWriter.WriteFile(stream, TestTables.Schema, TestTables.Create(Rows), new ParquetWriterOptions { PageRows = pageRows, RowGroupRows = rowGroupRows });
        return stream.ToArray();
    }

    /// <summary>Row indices (into <see cref="TestTables.Row"/>) of every decoded row whose time lies in the range, in order.</summary>
    private static List<long> DecodedTimes(ParquetReader reader, IReadOnlyList<ColumnRangePredicate> predicates, ParquetScanCounters counters)
    {
        var times = new List<long>();
        foreach (RecordBatch batch in reader.ReadPruned(["time", "host", "count", "usage"], predicates, counters))
        {
            ReadOnlySpan<long> values = ((PrimitiveColumn<long>)batch.Column(0)).Values;
            foreach (long t in values)
            {
                times.Add(t);
            }
        }

        return times;
    }

    [Fact]
    public void EveryChunkHasAPageIndexThatRoundTrips()
    {
        byte[] file = WriteFile();
        var reader = new ParquetReader(file);
        foreach (RowGroup group in reader.Metadata.RowGroups)
        {
            int pages = (int)group.NumRows / 100;
            foreach (ColumnChunk chunk in group.Columns)
            {
                Assert.NotNull(chunk.OffsetIndexOffset);
                Assert.NotNull(chunk.ColumnIndexOffset);
                var offsetReader = new ThriftCompactReader(file.AsSpan((int)chunk.OffsetIndexOffset!.Value, chunk.OffsetIndexLength!.Value));
                OffsetIndex offsets = OffsetIndex.Read(ref offsetReader);
                Assert.Equal(pages, offsets.PageLocations.Count);
                Assert.Equal(0, offsets.PageLocations[0].FirstRowIndex);
                Assert.Equal(100, offsets.PageLocations[1].FirstRowIndex);
                var indexReader = new ThriftCompactReader(file.AsSpan((int)chunk.ColumnIndexOffset!.Value, chunk.ColumnIndexLength!.Value));
                ColumnIndex bounds = ColumnIndex.Read(ref indexReader);
                Assert.Equal(pages, bounds.NullPages.Count);
                Assert.Equal(pages, bounds.NullCounts!.Count);
            }
        }
    }

    [Fact]
    public void ColumnIndexThriftRoundTrip()
    {
        var index = new ColumnIndex { BoundaryOrder = BoundaryOrder.Ascending, NullCounts = [0, 7, 100] };
        index.NullPages.AddRange([false, false, true]);
        index.MinValues.AddRange([[1], [2, 3], []]);
        index.MaxValues.AddRange([[9], [4, 5], []]);
        var writer = new ThriftCompactWriter();
        index.Write(writer);
        var reader = new ThriftCompactReader(writer.WrittenSpan);
        ColumnIndex read = ColumnIndex.Read(ref reader);
        Assert.Equal([false, false, true], read.NullPages);
        Assert.Equal(index.MinValues, read.MinValues);
        Assert.Equal(index.MaxValues, read.MaxValues);
        Assert.Equal(BoundaryOrder.Ascending, read.BoundaryOrder);
        Assert.Equal([0L, 7, 100], read.NullCounts!);
    }

    [Fact]
    public void ATimeRangeDecodesOnlyItsPagesAndMissesNoRow()
    {
        byte[] file = WriteFile();
        var reader = new ParquetReader(file);
        long from = (long)TestTables.Row(2345)[0]!;
        long to = (long)TestTables.Row(2599)[0]!;
        var counters = new ParquetScanCounters();
        List<long> times = DecodedTimes(reader, [ColumnRangePredicate.Int64Range("time", from, to)], counters);

        // Rows 2345..2599 lie in row group 1 (2000..3999), pages 2300..2399 to 2500..2599: 3 of its 20 pages.
        Assert.Equal(2, counters.RowGroupsPruned);
        Assert.Equal(1, counters.RowGroupsRead);
        Assert.Equal(3, counters.PagesRead);
        Assert.Equal(17, counters.PagesPruned);
        Assert.Equal(300, counters.RowsRead);
        Assert.Equal(300, times.Count);
        Assert.Equal((long)TestTables.Row(2300)[0]!, times[0]);
        Assert.Equal(255, times.Count(t => t >= from && t <= to));
    }

    [Fact]
    public void RangedReadsDecodeTheSameRowsAsAWholeFile()
    {
        byte[] file = WriteFile();
        int fetches = 0;
        ParquetReader ranged = ParquetReader.OpenRanged(file.Length, (offset, count) =>
        {
            Interlocked.Increment(ref fetches);
            return file.AsMemory((int)offset, count);
        });
        // Rows before 3000 have smaller counts, so their pages are skipped (later pages hold a long.MinValue + r outlier each).
        long low = (3000 * 7919L) - 100_000;
        long high = (3100 * 7919L) - 100_000;
        var predicates = new[] { ColumnRangePredicate.Int64Range("count", low, high) };
        var wholeCounters = new ParquetScanCounters();
        var rangedCounters = new ParquetScanCounters();
        List<long> whole = DecodedTimes(new ParquetReader(file), predicates, wholeCounters);
        List<long> pieces = DecodedTimes(ranged, predicates, rangedCounters);
        Assert.Equal(whole, pieces);
        Assert.True(rangedCounters.PagesPruned > 0);

        // Every row with count in range was decoded (the rows not decoded cannot match).
        var expected = Enumerable.Range(0, Rows).Where(r => TestTables.Row(r)[4] is long c && c >= low && c <= high).Select(r => (long)TestTables.Row(r)[0]!);
        Assert.Subset(pieces.ToHashSet(), expected.ToHashSet());
        Assert.True(fetches > 3);
    }

    [Fact]
    public void TextValueSetsPruneAndNeverMissARow()
    {
        // Sorted by host so pages hold few hosts.
        var rows = Enumerable.Range(0, Rows).OrderBy(r => TestTables.Row(r)[1] as string, StringComparer.Ordinal).ThenBy(r => r).ToList();
        var builders = TestTables.Schema.Fields.Select(f => ColumnBuilder.Create(f.Type, Rows, dictionary: f.Role == ColumnRole.Tag)).ToArray();
        foreach (int r in rows)
        {
            object?[] row = TestTables.Row(r);
            for (int c = 0; c < row.Length; c++)
            {
                TestTables.Append(builders[c], row[c]);
            }
        }

        var batch = new RecordBatch(TestTables.Schema, builders.Select(b => b.Build()).ToArray(), Rows);
        using var stream = new MemoryStream();
        ParquetWriter.WriteFile(stream, TestTables.Schema, [batch], new ParquetWriterOptions { PageRows = 128 });
        var reader = new ParquetReader(stream.ToArray());
        var counters = new ParquetScanCounters();
        var hosts = new List<string>();
        foreach (RecordBatch read in reader.ReadPruned(["host"], [ColumnRangePredicate.Utf8Values("host", ["host_3", "host_7"])], counters))
        {
            for (int i = 0; i < read.RowCount; i++)
            {
                hosts.Add(read.Column(0).IsValid(i) ? ((DictionaryColumn)read.Column(0)).GetString(i) : "NULL");
            }
        }

        int wanted = rows.Count(r => TestTables.Row(r)[1] is "host_3" or "host_7");
        Assert.Equal(wanted, hosts.Count(h => h is "host_3" or "host_7"));
        Assert.True(counters.PagesPruned > counters.PagesRead, $"read {counters.PagesRead}, pruned {counters.PagesPruned}");

        // Null pages (the host-less rows sort first here: nulls gather in their own pages) never match.
        Assert.DoesNotContain("NULL", hosts);
    }

    [Fact]
    public void PagesEndWhereTheSeriesChanges()
    {
        // 3 hosts x 700 rows, sorted by host: pages of at most 500 rows, cut at host changes once 150 rows are in.
        var builders = TestTables.Schema.Fields.Select(f => ColumnBuilder.Create(f.Type, 2100, dictionary: f.Role == ColumnRole.Tag)).ToArray();
        for (int h = 0; h < 3; h++)
        {
            for (int i = 0; i < 700; i++)
            {
                object?[] row = TestTables.Row(i);
                row[0] = 1_700_000_000_000_000_000L + i;
                row[1] = "h" + h;
                row[2] = "r";
                for (int c = 0; c < row.Length; c++)
                {
                    TestTables.Append(builders[c], row[c]);
                }
            }
        }

        var batch = new RecordBatch(TestTables.Schema, builders.Select(b => b.Build()).ToArray(), 2100);
        using var stream = new MemoryStream();
        ParquetWriter.WriteFile(stream, TestTables.Schema, [batch], new ParquetWriterOptions { PageRows = 500, MinSeriesPageRows = 150 });
        byte[] file = stream.ToArray();
        ColumnChunk chunk = new ParquetReader(file).Metadata.RowGroups[0].Columns[3];
        var offsetReader = new ThriftCompactReader(file.AsSpan((int)chunk.OffsetIndexOffset!.Value, chunk.OffsetIndexLength!.Value));
        Assert.Equal([0L, 500, 700, 1200, 1400, 1900], OffsetIndex.Read(ref offsetReader).PageLocations.Select(p => p.FirstRowIndex));

        // A change with fewer rows in the page does not cut (no tiny pages): 200 rows < 250.
        using var coarse = new MemoryStream();
        ParquetWriter.WriteFile(coarse, TestTables.Schema, [batch], new ParquetWriterOptions { PageRows = 500, MinSeriesPageRows = 250 });
        file = coarse.ToArray();
        chunk = new ParquetReader(file).Metadata.RowGroups[0].Columns[3];
        offsetReader = new ThriftCompactReader(file.AsSpan((int)chunk.OffsetIndexOffset!.Value, chunk.OffsetIndexLength!.Value));
        Assert.Equal([0L, 500, 1000, 1400, 1900], OffsetIndex.Read(ref offsetReader).PageLocations.Select(p => p.FirstRowIndex));
    }
}
