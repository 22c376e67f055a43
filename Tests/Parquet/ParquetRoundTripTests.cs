using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Format;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Parquet.Writer;

namespace IOx.Pg.Tests.Parquet;

/// <summary>Our writer → our reader: every type, nulls, dictionaries, codecs, many row groups and pages, projection, pruning.</summary>
public sealed class ParquetRoundTripTests
{
    /// <summary>Writes the test table and returns the file bytes.</summary>
    internal static byte[] WriteTable(int rows, ParquetWriterOptions options, int batchRows = 1000)
    {
        using var stream = new MemoryStream();
        ParquetWriter.WriteFile(stream, TestTables.Schema, TestTables.Create(rows, batchRows), options);
        return stream.ToArray();
    }

    /// <summary>Every codec and encoding choice returns exactly the rows written, roles and types included.</summary>
    [Theory]
    [InlineData(CompressionCodec.Uncompressed, true, true)]
    [InlineData(CompressionCodec.Uncompressed, false, false)]
    [InlineData(CompressionCodec.Snappy, true, true)]
    [InlineData(CompressionCodec.Snappy, false, true)]
    [InlineData(CompressionCodec.Gzip, true, false)]
    [InlineData(CompressionCodec.Zstd, true, true)]
    [InlineData(CompressionCodec.Zstd, false, false)]
    public void ReadsBackExactlyWhatWasWritten(CompressionCodec codec, bool dictionary, bool delta)
    {
        const int rows = 7777;
        var options = new ParquetWriterOptions { Compression = codec, DictionaryEncoding = dictionary, DeltaEncoding = delta, RowGroupRows = 3000, PageRows = 1000 };
        byte[] file = WriteTable(rows, options, batchRows: 1234);
        var reader = new ParquetReader(file);
        Assert.Equal(rows, reader.RowCount);
        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal(TestTables.Schema.Fields, reader.Schema.Fields);
        int r = 0;
        foreach (RecordBatch batch in reader.Read(batchRows: 2500))
        {
            Assert.True(batch.RowCount <= 2500);
            for (int i = 0; i < batch.RowCount; i++, r++)
            {
                object?[] expected = TestTables.Row(r);
                for (int c = 0; c < expected.Length; c++)
                {
                    Assert.Equal(expected[c], TestTables.Get(batch.Column(c), i));
                }
            }
        }

        Assert.Equal(rows, r);
    }

    /// <summary>Tags written from dictionary columns come back as dictionary columns; plain text as whichever the writer chose.</summary>
    [Fact]
    public void TagsComeBackDictionaryEncoded()
    {
        byte[] file = WriteTable(2000, new ParquetWriterOptions());
        var reader = new ParquetReader(file);
        RecordBatch batch = reader.Read(["host", "usage"]).First();
        Assert.IsType<DictionaryColumn>(batch.Column(0));
        Assert.Equal(["host", "usage"], batch.Schema.Fields.Select(f => f.Name));
        Assert.Equal(ColumnRole.Tag, batch.Schema[0].Role);
        var host = (DictionaryColumn)batch.Column(0);
        Assert.True(host.Dictionary.Length <= 10);
    }

    /// <summary>A time-range predicate skips row groups whose statistics exclude it, and keeps the others.</summary>
    [Fact]
    public void TimeRangeSkipsRowGroups()
    {
        byte[] file = WriteTable(10_000, new ParquetWriterOptions { RowGroupRows = 1000 });
        var reader = new ParquetReader(file);
        Assert.Equal(10, reader.RowGroupCount);
        long t4000 = (long)TestTables.Row(4000)[0]!;
        long t5999 = (long)TestTables.Row(5999)[0]!;
        ColumnStatistics statistics = reader.GetStatistics(4, 0)!;
        Assert.Equal(t4000, statistics.MinInt64);
        Assert.Equal((long)TestTables.Row(4999)[0]!, statistics.MaxInt64);
        var predicate = ColumnRangePredicate.Int64Range("time", t4000 + 1, t5999 - 1);
        List<RecordBatch> batches = reader.Read(["time"], [predicate]).ToList();
        Assert.Equal(2000, batches.Sum(b => b.RowCount));
        Assert.Equal(t4000, ((PrimitiveColumn<long>)batches[0].Column(0)).Values[0]);
        Assert.Empty(reader.Read(["time"], [ColumnRangePredicate.Int64Range("time", 0, 1000)]));
    }

    /// <summary>Unsigned statistics compare as unsigned; text statistics in UTF-8 byte order; pruning uses them.</summary>
    [Fact]
    public void StatisticsUseEachTypesSortOrder()
    {
        var schema = new Schema([new Field("u", DataType.UInt64, ColumnRole.Field), new Field("s", DataType.Utf8, ColumnRole.Field)]);
        var u = new PrimitiveColumnBuilder<ulong>(DataType.UInt64, 4);
        var s = new StringColumnBuilder(4);
        foreach ((ulong uv, string sv) in new[] { (1UL, "Zebra"), (ulong.MaxValue, "apple"), (5UL, "Äpfel"), (7UL, "zz") })
        {
            u.Append(uv);
            s.Append(sv);
        }

        using var stream = new MemoryStream();
        ParquetWriter.WriteFile(stream, schema, [new RecordBatch(schema, [u.Build(), s.Build()], 4)]);
        var reader = new ParquetReader(stream.ToArray());
        ColumnStatistics us = reader.GetStatistics(0, 0)!;
        Assert.Equal(1UL, us.MinUInt64);
        Assert.Equal(ulong.MaxValue, us.MaxUInt64);
        ColumnStatistics ss = reader.GetStatistics(0, 1)!;
        Assert.Equal("Zebra", System.Text.Encoding.UTF8.GetString(ss.MinBytes!));
        Assert.Equal("Äpfel", System.Text.Encoding.UTF8.GetString(ss.MaxBytes!));
        Assert.True(reader.RowGroupMayMatch(0, [ColumnRangePredicate.UInt64Range("u", ulong.MaxValue, ulong.MaxValue)]));
        Assert.False(reader.RowGroupMayMatch(0, [ColumnRangePredicate.Utf8Range("s", "Ö", "Öz")]));
    }

    /// <summary>All-null columns, empty strings, a single row, and an empty file round-trip.</summary>
    [Fact]
    public void EdgeCasesRoundTrip()
    {
        var schema = new Schema([new Field("time", DataType.Timestamp, ColumnRole.Time), new Field("f", DataType.Float64, ColumnRole.Field), new Field("t", DataType.Utf8, ColumnRole.Tag)]);
        var batch = new RecordBatch(schema, [new PrimitiveColumn<long>(DataType.Timestamp, [42L], 1), NullColumns.Create(DataType.Float64, 1), NullColumns.Create(DataType.Utf8, 1)], 1);
        using (var stream = new MemoryStream())
        {
            ParquetWriter.WriteFile(stream, schema, [batch]);
            var reader = new ParquetReader(stream.ToArray());
            RecordBatch back = Assert.Single(reader.Read());
            Assert.Equal(42L, TestTables.Get(back.Column(0), 0));
            Assert.Null(TestTables.Get(back.Column(1), 0));
            Assert.Null(TestTables.Get(back.Column(2), 0));
            Assert.False(reader.RowGroupMayMatch(0, [ColumnRangePredicate.DoubleRange("f", double.MinValue, double.MaxValue)]));
        }

        using (var empty = new MemoryStream())
        {
            ParquetWriter.WriteFile(empty, schema, []);
            var reader = new ParquetReader(empty.ToArray());
            Assert.Equal(0, reader.RowCount);
            Assert.Equal(0, reader.RowGroupCount);
            Assert.Empty(reader.Read());
            Assert.Equal(schema.Fields, reader.Schema.Fields);
        }
    }

    /// <summary>Reading from a seekable stream gives the same rows as from memory.</summary>
    [Fact]
    public void ReadsFromAStream()
    {
        byte[] file = WriteTable(3000, new ParquetWriterOptions { RowGroupRows = 1000 });
        using var stream = new MemoryStream(file);
        var reader = new ParquetReader(stream);
        Assert.Equal(3000, reader.Read(["note", "ok"]).Sum(b => b.RowCount));
        RecordBatch first = reader.ReadRowGroup(2, [7]).First();
        Assert.Equal(TestTables.Row(2000)[7], TestTables.Get(first.Column(0), 0));
    }
}
