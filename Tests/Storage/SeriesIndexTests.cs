using System.Text;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Deletes;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Tests.Storage;

/// <summary>
/// The write buffer's per-series index: posting lists per tag value of an immutable batch, exact
/// across appends (the active chunk's snapshot), freezes, seals and deletes, because every such
/// change produces new batch objects and postings belong to a batch.
/// </summary>
public sealed class SeriesIndexTests
{
    /// <summary>Appends <paramref name="count"/> rows cycling over <paramref name="hosts"/> hosts; every 7th row (from the 4th) lacks the tag.</summary>
    private static void Append(TableBuffer table, int from, int count, int hosts)
    {
        using TableWriter writer = table.BeginWrite();
        for (int i = from; i < from + count; i++)
        {
            writer.BeginRow();
            if (i % 7 != 3)
            {
                writer.AppendTag("host"u8, Encoding.UTF8.GetBytes($"h{i % hosts}"));
            }

            writer.AppendDouble("v"u8, i);
            writer.EndRow(i * 1000L);
        }
    }

    /// <summary>The rows of <paramref name="batch"/> whose host is <paramref name="host"/>, by reading the column.</summary>
    private static List<int> RowsByScan(RecordBatch batch, string host)
    {
        var rows = new List<int>();
        var column = (DictionaryColumn)batch.Column(1);
        for (int r = 0; r < batch.RowCount; r++)
        {
            if (column.IsValid(r) && column.GetString(r) == host)
            {
                rows.Add(r);
            }
        }

        return rows;
    }

    /// <summary>The rows the index gives for <paramref name="host"/> (empty when the batch lacks it).</summary>
    private static List<int> RowsByIndex(RecordBatch batch, string host)
    {
        TagPostings postings = SeriesIndex.Postings(batch, 1)!;
        int code = postings.CodeOf(Encoding.UTF8.GetBytes(host));
        return code < 0 ? [] : [.. postings.Rows(code).ToArray()];
    }

    [Fact]
    public void PostingsListEveryRowOfAValueInOrderAndSkipNulls()
    {
        var table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("cpu");
        Append(table, 0, RecordBatch.MaxRows + 500, 13);
        TableSnapshot snapshot = table.Snapshot();
        Assert.Equal(2, snapshot.Batches.Count);
        foreach (RecordBatch batch in snapshot.Batches)
        {
            int listed = 0;
            for (int h = 0; h < 13; h++)
            {
                List<int> expected = RowsByScan(batch, $"h{h}");
                Assert.Equal(expected, RowsByIndex(batch, $"h{h}"));
                listed += expected.Count;
            }

            // Null rows are in no list.
            Assert.Equal(batch.RowCount - batch.Column(1).NullCount, listed);
            Assert.Empty(RowsByIndex(batch, "h13"));
            Assert.Empty(RowsByIndex(batch, ""));
        }

        // Not a tag, or a column the batch predates: no postings.
        Assert.Null(SeriesIndex.Postings(snapshot.Batches[0], 2));
        Assert.Null(SeriesIndex.Postings(snapshot.Batches[0], 5));
    }

    [Fact]
    public void TheActiveChunkSnapshotIsSharedBetweenWritesAndRenewedByOne()
    {
        var table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("cpu");
        Append(table, 0, 100, 5);
        RecordBatch first = table.Snapshot().Batches[^1];
        Assert.Same(first, table.Snapshot().Batches[^1]);
        Assert.Equal(RowsByScan(first, "h3"), RowsByIndex(first, "h3"));

        // A later write makes a new snapshot batch with its own postings; the old one is unchanged.
        Append(table, 100, 10, 5);
        RecordBatch second = table.Snapshot().Batches[^1];
        Assert.NotSame(first, second);
        Assert.Equal(110, second.RowCount);
        Assert.Equal(RowsByScan(second, "h3"), RowsByIndex(second, "h3"));
        Assert.Equal(RowsByScan(first, "h3"), RowsByIndex(first, "h3"));
        Assert.Contains(103, RowsByIndex(second, "h3"));
        Assert.DoesNotContain(103, RowsByIndex(first, "h3"));

        // A new tag value appears in the next snapshot's index only.
        using (TableWriter writer = table.BeginWrite())
        {
            writer.BeginRow();
            writer.AppendTag("host"u8, "new"u8);
            writer.EndRow(1);
        }

        Assert.Empty(RowsByIndex(second, "new"));
        Assert.Equal([110], RowsByIndex(table.Snapshot().Batches[^1], "new"));
    }

    [Fact]
    public void SealedAndDeleteRewrittenBatchesCarryExactPostings()
    {
        var table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("cpu");
        Append(table, 0, 3000, 10);
        RecordBatch beforeSeal = table.Snapshot().Batches[^1];
        Assert.NotEmpty(RowsByIndex(beforeSeal, "h4"));

        // Seal: the rows move to the sealed part (the active chunk is frozen into a new batch).
        IReadOnlyList<RecordBatch> sealedBatches = table.Seal(out _);
        RecordBatch sealedBatch = Assert.Single(sealedBatches);
        Assert.Equal(RowsByScan(sealedBatch, "h4"), RowsByIndex(sealedBatch, "h4"));

        // Live rows after the seal, then a delete of h4 everywhere in the buffer.
        Append(table, 3000, 500, 10);
        var delete = new Tombstone(1, DeletePredicate.Tag("host", DeleteOperator.Equal, ["h4"]), long.MinValue, long.MaxValue, 0, new HashSet<long>());
        Assert.True(table.ApplyDelete(delete, filterFiles: false) > 0);
        TableSnapshot after = table.Snapshot();
        Assert.Equal(2, after.Batches.Count);
        foreach (RecordBatch batch in after.Batches)
        {
            Assert.Empty(RowsByIndex(batch, "h4"));
            Assert.Empty(RowsByScan(batch, "h4"));
            Assert.Equal(RowsByScan(batch, "h5"), RowsByIndex(batch, "h5"));
        }

        // The batch a snapshot took before the delete still answers as it did.
        Assert.Equal(RowsByScan(sealedBatch, "h4"), RowsByIndex(sealedBatch, "h4"));
        Assert.NotEmpty(RowsByIndex(sealedBatch, "h4"));

        // Persist swap: the sealed batch leaves the buffer; snapshots no longer see it.
        table.CompletePersist(1, []);
        RecordBatch live = Assert.Single(table.Snapshot().Batches);
        Assert.Empty(RowsByIndex(live, "h4"));
        Assert.Equal(live.RowCount - live.Column(1).NullCount, Enumerable.Range(0, 10).Sum(h => RowsByIndex(live, $"h{h}").Count));
    }

    [Fact]
    public void ARepeatedDictionaryValueIsFoldedOntoOneCode()
    {
        var dictionary = new StringColumnBuilder(4);
        dictionary.Append("a"u8);
        dictionary.Append("b"u8);
        dictionary.Append("a"u8);
        var column = new DictionaryColumn([0, 1, 2, 2, 0], (StringColumn)dictionary.Build(), 5);
        TagPostings postings = TagPostings.Build(column);
        int a = postings.CodeOf("a"u8);
        Assert.Equal([0, 2, 3, 4], postings.Rows(a).ToArray());
        Assert.Equal([1], postings.Rows(postings.CodeOf("b"u8)).ToArray());
        Assert.Equal(-1, postings.CodeOf("c"u8));
    }
}
