using System.Globalization;
using System.Text;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;
using IOx.Pg.Tests.Parquet;

namespace IOx.Pg.Tests.Persist;

/// <summary>Persisting the buffer changes no query result; rewritten points appear once wherever their versions live.</summary>
public sealed class PersistQueryTests
{
    /// <summary>2016-01-01T00:00:00Z in nanoseconds.</summary>
    private const long Base = 1_451_606_400_000_000_000L;

    /// <summary>Nanoseconds per second.</summary>
    private const long Second = 1_000_000_000L;

    /// <summary>Queries compared before and after persisting.</summary>
    private static readonly string[] s_queries =
    [
        "SELECT count(*) FROM cpu",
        "SELECT host, count(*), sum(usage), min(time), max(time) FROM cpu GROUP BY host ORDER BY host",
        "SELECT region, count(*), avg(n) FROM cpu GROUP BY region ORDER BY region",
        "SELECT time, host, region, usage, n, u, ok, note, late FROM cpu ORDER BY host, time LIMIT 50",
        "SELECT time, host, usage FROM cpu WHERE host = 'h3' AND time >= '2016-01-01 23:59:00+00' AND time < '2016-01-02 00:01:00+00' ORDER BY time",
        "SELECT count(*) FROM cpu WHERE region IS NULL",
        "SELECT count(late), sum(late) FROM cpu",
        "SELECT note, count(*) FROM cpu WHERE ok GROUP BY note ORDER BY note",
        "SELECT host, max(usage) FROM cpu WHERE time > '2016-01-02 00:00:00+00' GROUP BY host ORDER BY host",
    ];

    /// <summary>Lines of a two-day data set: 8 hosts every 30 s, a region tag on some hosts, a column added late.</summary>
    private static string DataSet(int from, int to)
    {
        var text = new StringBuilder();
        for (int i = from; i < to; i++)
        {
            long time = Base + (i * 30 * Second);
            for (int h = 0; h < 8; h++)
            {
                text.Append("cpu,host=h").Append(h);
                if (h % 3 == 0)
                {
                    text.Append(",region=r").Append(h % 2);
                }

                text.Append(" usage=").Append((((i * 7) + h) % 100 / 4.0).ToString(CultureInfo.InvariantCulture))
                    .Append(",n=").Append(i + h).Append('i')
                    .Append(",u=").Append(i).Append('u')
                    .Append(",ok=").Append((i + h) % 2 == 0 ? "true" : "false")
                    .Append(",note=\"x").Append(i % 3).Append('"');
                if (i > 4000)
                {
                    text.Append(",late=").Append(i).Append('i');
                }

                text.Append(' ').Append(time).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Results of every query.</summary>
    private static List<List<string>> RunAll(PersistHarness harness) => s_queries.Select(harness.Query).ToList();

    [Fact]
    public void QueriesGiveTheSameRowsBeforeAndAfterPersisting()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 3000));
        harness.Write(DataSet(3000, 5760));
        List<List<string>> before = RunAll(harness);
        Assert.Equal("46080", before[0][0]);

        PersistResult result = harness.Persist();
        Assert.Equal(46080, result.RowsIn);
        Assert.Equal(46080, result.RowsOut);
        Assert.Equal(2, result.Files);
        TableSnapshot snapshot = harness.Snapshot("cpu");
        Assert.Equal(0, snapshot.RowCount);
        Assert.Equal(2, snapshot.Files.Count);
        Assert.Equal(before, RunAll(harness));

        // Files + buffer, with a column the files lack.
        harness.Write("cpu,host=h1 usage=1,extra=5i " + (Base + (3 * 86_400 * Second)) + "\n");
        List<List<string>> mixed = RunAll(harness);
        Assert.Equal("46081", mixed[0][0]);
        Assert.Equal(["1|5"], harness.Query("SELECT count(extra), sum(extra) FROM cpu"));
        harness.Persist();
        Assert.Equal(mixed, RunAll(harness));
        Assert.Equal(["1|5"], harness.Query("SELECT count(extra), sum(extra) FROM cpu"));
    }

    [Fact]
    public void FilesHaveCatalogRowsPerDayWithStatistics()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 5760));
        harness.Persist();
        CatalogTable table = harness.Catalog.GetTable("db", "cpu")!;
        IReadOnlyList<CatalogFile> files = harness.Catalog.ListFiles(table.Id);
        Assert.Equal([new DateOnly(2016, 1, 1), new DateOnly(2016, 1, 2)], files.Select(f => f.PartitionDay));
        Assert.Equal(Base, files[0].MinTime);
        Assert.Equal(Base + (2879 * 30 * Second), files[0].MaxTime);
        Assert.All(files, f => Assert.Equal(2880 * 8, f.RowCount));
        Assert.All(files, f => Assert.StartsWith("db/cpu/2016-01-0", f.ObjectKey, StringComparison.Ordinal));
        IReadOnlyList<FileColumnStats> stats = harness.Catalog.GetFileColumnStats(files[0].Id);
        FileColumnStats host = stats.Single(s => s.Column == "host");
        Assert.Equal("h0", host.Min);
        Assert.Equal("h7", host.Max);
        FileColumnStats region = stats.Single(s => s.Column == "region");
        Assert.Equal(2880 * 5, region.NullCount);
        FileColumnStats time = stats.Single(s => s.Column == "time");
        Assert.Equal(Base, time.Min);
        Assert.Equal(files[0].MaxTime, time.Max);
        Assert.Equal(0UL, harness.Catalog.GetPersistedWalSequence());
    }

    [Fact]
    public void ARewrittenPointAppearsOnceInBufferFileAndAcrossFiles()
    {
        using var harness = new PersistHarness();
        long t = Base + (5 * Second);
        harness.Write($"m,host=a x=1,y=10 {t}\nm,host=b x=100 {t}\n");
        harness.Write($"m,host=a x=2 {t}\n");

        // Buffer only: the live part knows it may hold duplicates.
        Assert.True(harness.Snapshot("m").BufferSources.Single().MayHaveDuplicates);
        Assert.Equal(["a|2|10", "b|100|NULL"], harness.Query("SELECT host, x, y FROM m ORDER BY host"));

        // File only: merged when persisted.
        harness.Persist();
        Assert.Equal(["a|2|10", "b|100|NULL"], harness.Query("SELECT host, x, y FROM m ORDER BY host"));
        Assert.Equal(["2"], harness.Query("SELECT count(*) FROM m"));

        // File + buffer: the buffer's later write wins, fields it lacks keep the file's values.
        harness.Write($"m,host=a y=20 {t}\n");
        Assert.False(harness.Snapshot("m").BufferSources.Single().MayHaveDuplicates);
        Assert.Equal(["a|2|20", "b|100|NULL"], harness.Query("SELECT host, x, y FROM m ORDER BY host"));
        Assert.Equal(["2"], harness.Query("SELECT count(*) FROM m"));
        Assert.Equal(["1"], harness.Query("SELECT count(*) FROM m WHERE y = 20"));

        // File + file.
        harness.Persist();
        Assert.Equal(2, harness.Snapshot("m").Files.Count);
        Assert.Equal(["a|2|20", "b|100|NULL"], harness.Query("SELECT host, x, y FROM m ORDER BY host"));
        Assert.Equal(["2"], harness.Query("SELECT count(*) FROM m"));
        Assert.Equal(["b|1"], harness.Query("SELECT host, count(*) FROM m WHERE x > 50 GROUP BY host"));
    }

    [Fact]
    public void ForwardOnlyWritesNeedNoDeduplicationAndSeparateFilesAreNotMerged()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 100));
        harness.Write(DataSet(100, 200));
        Assert.False(harness.Snapshot("cpu").BufferSources.Single().MayHaveDuplicates);
        harness.Persist();
        harness.Write(DataSet(200, 300));
        TableSnapshot snapshot = harness.Snapshot("cpu");
        Assert.False(snapshot.BufferSources.Single().MayHaveDuplicates);
        var scan = new TableScanOperator(snapshot, [0, 1, 3], TimeRange.All);
        Assert.Equal(2400, scan.Execute(CancellationToken.None).Sum(b => b.RowCount));
        Assert.Equal(0, scan.DeduplicatedGroups);

        // A time range wholly after the file skips it.
        var later = new TableScanOperator(snapshot, [0], new TimeRange(Base + (200 * 30 * Second), long.MaxValue));
        Assert.Equal(800, later.Execute(CancellationToken.None).Sum(b => b.RowCount));
        Assert.Equal(1, later.SkippedFiles);

        // Writing an older time again makes the buffer overlap the file: that group is merged (the
        // live part alone still holds no repeat).
        harness.Write($"cpu,host=h1 usage=99 {Base}\n");
        snapshot = harness.Snapshot("cpu");
        Assert.False(snapshot.BufferSources.Single().MayHaveDuplicates);
        var merged = new TableScanOperator(snapshot, [0], TimeRange.All);
        Assert.Equal(2400, merged.Execute(CancellationToken.None).Sum(b => b.RowCount));
        Assert.Equal(1, merged.DeduplicatedGroups);
        Assert.Equal(["99"], harness.Query($"SELECT usage FROM cpu WHERE host = 'h1' AND time = '2016-01-01 00:00:00+00'"));
    }

    [Fact]
    public async Task AFailedPersistKeepsTheRowsAndTheNextOneWritesThem()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 10));
        harness.Persister.AfterCatalogCommit = null;
        PersistResult first = harness.Persist();
        Assert.Equal(80, first.RowsOut);

        // A cut whose files cannot be recorded (the sequence went backwards): nothing is lost.
        harness.Write(DataSet(10, 20));
        harness.Catalog.CommitPersist([], 5);
        await Assert.ThrowsAsync<CatalogException>(() => harness.Persister.PersistAsync(() => PersistCut.Seal(harness.Buffer, 1), CancellationToken.None));
        Assert.Equal(["160"], harness.Query("SELECT count(*) FROM cpu"));
        Assert.Single(harness.Snapshot("cpu").Files);
        PersistResult retried = await harness.Persister.PersistAsync(() => PersistCut.Seal(harness.Buffer, 6), CancellationToken.None);
        Assert.Equal(80, retried.RowsOut);
        Assert.Equal(["160"], harness.Query("SELECT count(*) FROM cpu"));
        Assert.Equal(2, harness.Snapshot("cpu").Files.Count);

        // The failed attempt's objects were removed: every object is named by the catalog.
        IReadOnlySet<string> named = harness.Catalog.ListAllObjectKeys();
        IReadOnlyList<IOx.Pg.Storage.ObjectStore.ObjectMeta> objects = await harness.Store.ListAsync(string.Empty);
        Assert.Equal(named.Order(StringComparer.Ordinal), objects.Select(o => o.Key));
    }

    [Fact]
    public void DuckDbReadsAPersistedFile()
    {
        using var harness = new PersistHarness();
        harness.Write($"cpu,host=b,region=eu usage=1.5,n=3i,ok=true,note=\"hi\" {Base}\ncpu,host=a usage=2.5,n=4i,ok=false {Base + Second}\ncpu,host=a usage=3.5 {Base}\n");
        harness.Persist();
        CatalogFile file = harness.Snapshot("cpu").Files.Single().File;
        string path = Path.Combine(harness.ObjectsDirectory, file.ObjectKey);
        DuckDbResult result = DuckDb.Run($"SELECT epoch_us(time), host, region, usage, n, ok, note FROM read_parquet({DuckDb.Quote(path)}, file_row_number = true) ORDER BY file_row_number");
        var rows = result.Rows.Select(r => string.Join("|", r.Select(v => v.ValueKind == System.Text.Json.JsonValueKind.Null ? "NULL" : v.ToString()))).ToList();

        // Sorted by (host, region, time): tags in name order, null first.
        Assert.Equal(
            [
                "1451606400000000|a|NULL|3.5|NULL|NULL|NULL",
                "1451606401000000|a|NULL|2.5|4|False|NULL",
                "1451606400000000|b|eu|1.5|3|True|hi",
            ],
            rows);
    }

    [Fact]
    public void GroupingByATagAfterAFilterListsOnlyGroupsWithRows()
    {
        // A filtered batch keeps its whole dictionary: entries no row uses must not become empty groups.
        using var harness = new PersistHarness();
        harness.Write($"m,host=a x=1 {Base}\nm,host=b x=100 {Base}\nm,host=c x=200 {Base}\n");
        Assert.Equal(["b|1", "c|1"], harness.Query("SELECT host, count(*) FROM m WHERE x > 50 GROUP BY host ORDER BY host"));
        harness.Persist();
        Assert.Equal(["b|1", "c|1"], harness.Query("SELECT host, count(*) FROM m WHERE x > 50 GROUP BY host ORDER BY host"));
    }

    [Fact]
    public void WritesOutOfTimeOrderWithoutRepeatsNeedNoMerge()
    {
        // What concurrent loaders do: later batches arrive first. No identity repeats, so no merge.
        using var harness = new PersistHarness();
        harness.Write(DataSet(100, 200));
        harness.Write(DataSet(0, 100));
        TableSnapshot snapshot = harness.Snapshot("cpu");
        Assert.False(snapshot.BufferSources.Single().MayHaveDuplicates);
        var scan = new TableScanOperator(snapshot, [0, 1], TimeRange.All);
        Assert.Equal(1600, scan.Execute(CancellationToken.None).Sum(b => b.RowCount));
        Assert.Equal(0, scan.DeduplicatedGroups);

        // The same tag set at a time already written, in a tag order of its own: a repeat.
        harness.Write($"cpu,region=r0,host=h0 usage=5 {Base}\n");
        Assert.True(harness.Snapshot("cpu").BufferSources.Single().MayHaveDuplicates);
        Assert.Equal(["1600"], harness.Query("SELECT count(*) FROM cpu"));
        Assert.Equal(["5"], harness.Query("SELECT usage FROM cpu WHERE host = 'h0' AND time = '2016-01-01 00:00:00+00'"));
    }

    [Fact]
    public void ATableWithoutRowsKeepsItsColumnsInTheCatalog()
    {
        using var harness = new PersistHarness();
        harness.Buffer.GetOrCreateDatabase("db").GetOrCreateTable("empty").DefineColumn("x", IOx.Pg.Storage.Arrow.DataType.Float64, IOx.Pg.Storage.Arrow.ColumnRole.Field);
        harness.Write($"m,host=a x=1 {Base}\n");
        harness.Persist();
        CatalogTable empty = harness.Catalog.GetTable("db", "empty")!;
        Assert.Equal(["time", "x"], harness.Catalog.GetColumns(empty.Id).Select(c => c.Name));

        // Nothing new: the next persist records no schema again and writes no file.
        PersistResult again = harness.Persist();
        Assert.Equal(0, again.Files);
        Assert.Equal(0, again.RowsIn);
    }
}
