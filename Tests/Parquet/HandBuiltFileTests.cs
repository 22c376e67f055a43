using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet;
using IOx.Pg.Storage.Parquet.Encodings;
using IOx.Pg.Storage.Parquet.Format;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Tests.Parquet;

/// <summary>
/// Files assembled page by page from the format structures, for layouts our writer never
/// produces but other writers do (parquet-mr falls back from dictionary to PLAIN inside a chunk).
/// </summary>
public sealed class HandBuiltFileTests
{
    /// <summary>A text chunk with a dictionary page, a dictionary-encoded page, then a PLAIN page.</summary>
    [Fact]
    public void ReadsAChunkThatFallsBackFromDictionaryToPlain()
    {
        using var file = new MemoryStream();
        file.Write("PAR1"u8);
        long chunkStart = file.Position;

        // Dictionary page: "a", "b".
        var body = new ByteBuffer();
        foreach (string entry in new[] { "a", "b" })
        {
            body.WriteInt32(entry.Length);
            body.Write(System.Text.Encoding.UTF8.GetBytes(entry));
        }

        WritePage(file, new PageHeader { Type = PageType.DictionaryPage, DictionaryPageHeader = new DictionaryPageHeader { NumValues = 2 } }, body);
        long dataStart = file.Position;

        // Data page 1: "b", null, "a" as levels 1 0 1 and indices 1 0.
        body = new ByteBuffer();
        AppendLevels(body, [1, 0, 1]);
        body.WriteByte(1);
        RleBitPackedHybridEncoder.Encode([1, 0], 1, body);
        WritePage(file, new PageHeader { Type = PageType.DataPage, DataPageHeader = new DataPageHeader { NumValues = 3, Encoding = Encoding.RleDictionary } }, body);

        // Data page 2, PLAIN: "zz", "".
        body = new ByteBuffer();
        AppendLevels(body, [1, 1]);
        body.WriteInt32(2);
        body.Write("zz"u8);
        body.WriteInt32(0);
        WritePage(file, new PageHeader { Type = PageType.DataPage, DataPageHeader = new DataPageHeader { NumValues = 2, Encoding = Encoding.Plain } }, body);
        long chunkEnd = file.Position;

        var metadata = new FileMetaData { NumRows = 5 };
        metadata.Schema.Add(new SchemaElement { Name = "schema", NumChildren = 1 });
        metadata.Schema.Add(new SchemaElement { Name = "s", Type = PhysicalType.ByteArray, RepetitionType = FieldRepetitionType.Optional, ConvertedType = ConvertedType.Utf8 });
        metadata.RowGroups.Add(new RowGroup
        {
            NumRows = 5,
            TotalByteSize = chunkEnd - chunkStart,
            Columns =
            [
                new ColumnChunk
                {
                    FileOffset = chunkStart,
                    MetaData = new ColumnMetaData
                    {
                        Type = PhysicalType.ByteArray, Encodings = [Encoding.Plain, Encoding.Rle, Encoding.RleDictionary], PathInSchema = ["s"],
                        Codec = CompressionCodec.Uncompressed, NumValues = 5, TotalCompressedSize = chunkEnd - chunkStart,
                        TotalUncompressedSize = chunkEnd - chunkStart, DataPageOffset = dataStart, DictionaryPageOffset = chunkStart,
                    },
                },
            ],
        });
        var footer = new ThriftCompactWriter();
        metadata.Write(footer);
        file.Write(footer.WrittenSpan);
        file.Write(BitConverter.GetBytes(footer.Length));
        file.Write("PAR1"u8);

        var reader = new ParquetReader(file.ToArray());
        Assert.Equal(ColumnRole.None, reader.Schema[0].Role);
        List<RecordBatch> batches = reader.Read(batchRows: 2).ToList();
        Assert.Equal([2, 2, 1], batches.Select(b => b.RowCount));
        // Rows only from the dictionary page stay dictionary-encoded; a batch touching the PLAIN page is plain.
        Assert.IsType<DictionaryColumn>(batches[0].Column(0));
        Assert.IsType<StringColumn>(batches[1].Column(0));
        object?[] values = batches.SelectMany(b => Enumerable.Range(0, b.RowCount).Select(i => TestTables.Get(b.Column(0), i))).ToArray();
        Assert.Equal(new object?[] { "b", null, "a", "zz", "" }, values);
    }

    /// <summary>A dictionary index past the dictionary is a format error, not an out-of-range crash.</summary>
    [Fact]
    public void RejectsADictionaryIndexOutOfRange()
    {
        using var file = new MemoryStream();
        file.Write("PAR1"u8);
        var body = new ByteBuffer();
        body.WriteInt64Value(7);
        WritePage(file, new PageHeader { Type = PageType.DictionaryPage, DictionaryPageHeader = new DictionaryPageHeader { NumValues = 1 } }, body);
        long dataStart = file.Position;
        body = new ByteBuffer();
        body.WriteByte(2);
        RleBitPackedHybridEncoder.Encode([0, 3], 2, body);
        WritePage(file, new PageHeader { Type = PageType.DataPage, DataPageHeader = new DataPageHeader { NumValues = 2, Encoding = Encoding.RleDictionary } }, body);
        long end = file.Position;
        var metadata = new FileMetaData { NumRows = 2 };
        metadata.Schema.Add(new SchemaElement { Name = "schema", NumChildren = 1 });
        metadata.Schema.Add(new SchemaElement { Name = "n", Type = PhysicalType.Int64, RepetitionType = FieldRepetitionType.Required });
        metadata.RowGroups.Add(new RowGroup
        {
            NumRows = 2,
            TotalByteSize = end - 4,
            Columns =
            [
                new ColumnChunk
                {
                    FileOffset = 4,
                    MetaData = new ColumnMetaData
                    {
                        Type = PhysicalType.Int64, Encodings = [Encoding.Plain, Encoding.RleDictionary], PathInSchema = ["n"], Codec = CompressionCodec.Uncompressed,
                        NumValues = 2, TotalCompressedSize = end - 4, TotalUncompressedSize = end - 4, DataPageOffset = dataStart, DictionaryPageOffset = 4,
                    },
                },
            ],
        });
        var footer = new ThriftCompactWriter();
        metadata.Write(footer);
        file.Write(footer.WrittenSpan);
        file.Write(BitConverter.GetBytes(footer.Length));
        file.Write("PAR1"u8);
        var reader = new ParquetReader(file.ToArray());
        var error = Assert.Throws<ParquetFormatException>(() => reader.Read().ToList());
        Assert.Contains("dictionary index 3", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Appends v1 definition levels: 4-byte length, RLE hybrid with bit width 1.</summary>
    private static void AppendLevels(ByteBuffer body, int[] levels)
    {
        int start = body.Length;
        body.WriteInt32(0);
        RleBitPackedHybridEncoder.Encode(levels, 1, body);
        body.PatchInt32(start, body.Length - start - 4);
    }

    /// <summary>Writes a page header with the body's sizes, then the body (uncompressed).</summary>
    private static void WritePage(MemoryStream file, PageHeader header, ByteBuffer body)
    {
        header.UncompressedPageSize = body.Length;
        header.CompressedPageSize = body.Length;
        var writer = new ThriftCompactWriter();
        header.Write(writer);
        file.Write(writer.WrittenSpan);
        file.Write(body.WrittenSpan);
    }
}

/// <summary>Test helpers for <see cref="ByteBuffer"/>.</summary>
internal static class ByteBufferTestExtensions
{
    /// <summary>Appends a little-endian int64.</summary>
    public static void WriteInt64Value(this ByteBuffer buffer, long value) => buffer.Write(BitConverter.GetBytes(value));
}
