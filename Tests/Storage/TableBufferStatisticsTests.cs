using System.Text;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.Deletes;
using IOx.Pg.Storage.ObjectStore;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;
using IOx.Pg.Tests.ObjectStore;

namespace IOx.Pg.Tests.Storage;

/// <summary>
/// The planner statistics a table keeps incrementally (<see cref="TableBuffer.Statistics"/>) equal
/// what walking a snapshot's files and batches gives, after appends (active chunk and freezes), a
/// column added later, seal, delete, persist, retention and drop.
/// </summary>
public sealed class TableBufferStatisticsTests
{
    /// <summary>Appends <paramref name="count"/> rows from <paramref name="from"/>: host cycles over <paramref name="hosts"/>, region over 3, dc (when <paramref name="dc"/>) over 5.</summary>
    private static void Append(TableBuffer table, int from, int count, int hosts, bool dc = false)
    {
        using TableWriter writer = table.BeginWrite();
        for (int i = from; i < from + count; i++)
        {
            writer.BeginRow();
            writer.AppendTag("host"u8, Encoding.UTF8.GetBytes($"h{i % hosts}"));
            writer.AppendTag("region"u8, Encoding.UTF8.GetBytes($"r{i % 3}"));
            if (dc)
            {
                writer.AppendTag("dc"u8, Encoding.UTF8.GetBytes($"d{i % 5}"));
            }

            writer.AppendDouble("v"u8, i);
            writer.EndRow(i * 1000L);
        }
    }

    /// <summary>The statistics by walking <paramref name="snapshot"/>: file and buffer-part rows and ranges, the largest dictionary per tag over every batch.</summary>
    private static (List<SourceStatistics> Sources, int[] TagDistinct) Walk(TableSnapshot snapshot)
    {
        var sources = new List<SourceStatistics>();
        foreach (PersistedFile file in snapshot.Files)
        {
            sources.Add(new SourceStatistics(file.File.RowCount, file.File.MinTime, file.File.MaxTime));
        }

        var tags = new int[snapshot.Schema.Count];
        foreach (BufferSource part in snapshot.BufferSources)
        {
            long rows = 0;
            foreach (RecordBatch batch in part.Batches)
            {
                rows += batch.RowCount;
                for (int c = 0; c < snapshot.Schema.Count; c++)
                {
                    if (snapshot.Schema[c].Role == ColumnRole.Tag && snapshot.GetColumn(batch, c) is DictionaryColumn dictionary)
                    {
                        tags[c] = Math.Max(tags[c], dictionary.Dictionary.Length);
                    }
                }
            }

            sources.Add(new SourceStatistics(rows, part.MinTime, part.MaxTime));
        }

        return (sources, tags);
    }

    /// <summary>Asserts the kept statistics equal the walked ones; returns the kept.</summary>
    private static TableBufferStatistics AssertKeptEqualsWalked(TableBuffer table)
    {
        TableBufferStatistics kept = table.Statistics();
        (List<SourceStatistics> sources, int[] tags) = Walk(table.Snapshot());
        Assert.Equal(sources, kept.Sources);
        Assert.Equal(tags.Length, kept.Schema.Count);
        for (int c = 0; c < tags.Length; c++)
        {
            Assert.Equal(tags[c], kept.TagDistinct(c));
        }

        return kept;
    }

    /// <summary>A persisted file record (its object is never read here).</summary>
    private static PersistedFile File(long id, IObjectStore store, long rows, long min, long max) =>
        new(new CatalogFile(id, 1, new DateOnly(1970, 1, 1), $"db/cpu/1970-01-01/{id}.parquet", min, max, rows, 1000, DateTimeOffset.UnixEpoch, 0, null), store);

    [Fact]
    public void AnEmptyTableHasNoSourcesAndNoDistinctCounts()
    {
        TableBuffer table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("cpu");
        TableBufferStatistics kept = AssertKeptEqualsWalked(table);
        Assert.Empty(kept.Sources);
        Assert.Equal(0, kept.TagDistinct(0));
        Assert.Equal(0, kept.TagDistinct(99));
    }

    [Fact]
    public void AppendsFreezesAndALaterColumnAreCountedAsTheBatchesShow()
    {
        TableBuffer table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("cpu");

        // Only the active chunk: its builders' dictionaries.
        Append(table, 0, 100, 7);
        TableBufferStatistics kept = AssertKeptEqualsWalked(table);
        Assert.Equal(new SourceStatistics(100, 0, 99_000), Assert.Single(kept.Sources));
        Assert.Equal(7, kept.TagDistinct(kept.Schema.IndexOf("host")));
        Assert.Equal(3, kept.TagDistinct(kept.Schema.IndexOf("region")));
        Assert.Equal(0, kept.TagDistinct(kept.Schema.IndexOf("v")));

        // Two frozen batches and a short active chunk; more hosts in the later rows raise the maximum.
        Append(table, 100, (2 * RecordBatch.MaxRows) + 50, 40);
        kept = AssertKeptEqualsWalked(table);
        Assert.Equal(40, kept.TagDistinct(kept.Schema.IndexOf("host")));
        Assert.Equal((2 * RecordBatch.MaxRows) + 150, Assert.Single(kept.Sources).Rows);

        // A tag column first written now: absent from the frozen batches, present in the active chunk.
        Append(table, 30_000, 20, 40, dc: true);
        kept = AssertKeptEqualsWalked(table);
        Assert.Equal(5, kept.TagDistinct(kept.Schema.IndexOf("dc")));
    }

    [Fact]
    public void SealDeletePersistAndRetentionKeepTheStatisticsExact()
    {
        using var directory = new TempDirectory();
        var store = new LocalObjectStore(directory.Path);
        TableBuffer table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("cpu");
        Append(table, 0, RecordBatch.MaxRows + 300, 50);

        // Seal: the rows move to the sealed part; new live rows with fewer hosts start from zero.
        int sealedBatches = table.Seal(out _).Count;
        Append(table, 20_000, 400, 6, dc: true);
        TableBufferStatistics kept = AssertKeptEqualsWalked(table);
        Assert.Equal(2, kept.Sources.Count);
        Assert.Equal(50, kept.TagDistinct(kept.Schema.IndexOf("host")));

        // Delete every host but h1 and h2 (live and sealed): the maxima come from the rewritten batches.
        string[] others = [.. Enumerable.Range(0, 50).Where(h => h is not 1 and not 2).Select(h => $"h{h}")];
        var delete = new Tombstone(1, DeletePredicate.Tag("host", DeleteOperator.In, others), long.MinValue, long.MaxValue, 0, new HashSet<long>());
        Assert.True(table.ApplyDelete(delete, filterFiles: false) > 0);
        kept = AssertKeptEqualsWalked(table);
        Assert.Equal(table.RowCount, kept.Sources[0].Rows + kept.Sources[1].Rows);

        // Persist: the sealed part becomes a file; its dictionaries no longer count.
        long sealedRows = kept.Sources[0].Rows;
        table.CompletePersist(sealedBatches, [File(7, store, sealedRows, 0, (RecordBatch.MaxRows + 299) * 1000L)]);
        kept = AssertKeptEqualsWalked(table);
        Assert.Equal(new SourceStatistics(sealedRows, 0, (RecordBatch.MaxRows + 299) * 1000L), kept.Sources[0]);
        Assert.Equal(2, kept.Sources.Count);

        // Files attached at start-up, then retention detaching one.
        table.AttachFiles([File(8, store, 10, -5000, -1000)]);
        AssertKeptEqualsWalked(table);
        Assert.Equal(1, table.DetachFiles(new HashSet<long> { 7 }));
        kept = AssertKeptEqualsWalked(table);
        Assert.Equal(new SourceStatistics(10, -5000, -1000), kept.Sources[0]);

        // Seal and persist everything: only files remain and no tag is known in memory.
        int last = table.Seal(out _).Count;
        table.CompletePersist(last, [File(9, store, table.RowCount, 20_000_000, 20_399_000)]);
        kept = AssertKeptEqualsWalked(table);
        Assert.Equal(2, kept.Sources.Count);
        for (int c = 0; c < kept.Schema.Count; c++)
        {
            Assert.Equal(0, kept.TagDistinct(c));
        }
    }

    [Fact]
    public void DeletingEveryLiveRowEmptiesTheLivePart()
    {
        TableBuffer table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("cpu");
        Append(table, 0, RecordBatch.MaxRows + 10, 9);
        var delete = new Tombstone(1, DeletePredicate.All, long.MinValue, long.MaxValue, 0, new HashSet<long>());
        Assert.Equal(RecordBatch.MaxRows + 10, table.ApplyDelete(delete, filterFiles: false));
        TableBufferStatistics kept = AssertKeptEqualsWalked(table);
        Assert.Empty(kept.Sources);
        Assert.Equal(0, kept.TagDistinct(kept.Schema.IndexOf("host")));
    }

    [Fact]
    public void ADroppedAndRecreatedTableStartsWithNoStatistics()
    {
        DatabaseBuffer database = new WriteBuffer().GetOrCreateDatabase("db");
        Append(database.GetOrCreateTable("cpu"), 0, 500, 9);
        Assert.True(database.TryRemoveTable("cpu"));
        TableBuffer recreated = database.GetOrCreateTable("cpu");
        Append(recreated, 0, 10, 2);
        TableBufferStatistics kept = AssertKeptEqualsWalked(recreated);
        Assert.Equal(new SourceStatistics(10, 0, 9000), Assert.Single(kept.Sources));
        Assert.Equal(2, kept.TagDistinct(kept.Schema.IndexOf("host")));
    }
}
