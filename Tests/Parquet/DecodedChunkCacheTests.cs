using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Parquet.Writer;

namespace IOx.Pg.Tests.Parquet;

/// <summary>Decoded chunks are reused across reads of a reader marked for caching and give the same rows; other readers decode every time.</summary>
public sealed class DecodedChunkCacheTests
{
    [Fact]
    public void ASecondReadFetchesNothingAndSharesTheColumns()
    {
        using var stream = new MemoryStream();
        ParquetWriter.WriteFile(stream, TestTables.Schema, TestTables.Create(3000));
        byte[] file = stream.ToArray();
        int fetches = 0;
        ParquetReader reader = ParquetReader.OpenRanged(file.Length, (offset, count) =>
        {
            Interlocked.Increment(ref fetches);
            return file.AsMemory((int)offset, count);
        });
        reader.CacheDecodedChunks = true;
        List<RecordBatch> first = reader.Read(["time", "host", "usage", "note"]).ToList();
        int afterFirst = fetches;
        List<RecordBatch> second = reader.Read(["time", "host", "usage", "note"]).ToList();
        Assert.Equal(afterFirst, fetches);
        Assert.Equal(first.Count, second.Count);
        for (int b = 0; b < first.Count; b++)
        {
            Assert.Equal(first[b].RowCount, second[b].RowCount);
            for (int c = 0; c < 4; c++)
            {
                Assert.Same(first[b].Column(c), second[b].Column(c));
            }
        }

        // Same rows as an uncached reader.
        List<RecordBatch> plain = new ParquetReader(file).Read(["time", "host", "usage", "note"]).ToList();
        for (int b = 0; b < plain.Count; b++)
        {
            for (int r = 0; r < plain[b].RowCount; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    Assert.Equal(TestTables.Get(plain[b].Column(c), r), TestTables.Get(second[b].Column(c), r));
                }
            }
        }
    }

    [Fact]
    public void AReaderNotMarkedForCachingDecodesEveryTime()
    {
        using var stream = new MemoryStream();
        ParquetWriter.WriteFile(stream, TestTables.Schema, TestTables.Create(3000));
        byte[] file = stream.ToArray();
        int fetches = 0;
        ParquetReader reader = ParquetReader.OpenRanged(file.Length, (offset, count) =>
        {
            Interlocked.Increment(ref fetches);
            return file.AsMemory((int)offset, count);
        });

        // A cache-less reader (the default) decodes every time.
        _ = reader.Read(["usage"]).ToList();
        int once = fetches;
        _ = reader.Read(["usage"]).ToList();
        Assert.True(fetches > once);
    }
}
