using System.Buffers.Binary;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Parquet;
using IOx.Pg.Storage.Parquet.Format;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Parquet.Writer;

namespace IOx.Pg.Tests.Parquet;

/// <summary>
/// The on-disk format is pinned: a small file's exact bytes (so an unintended format change is
/// caught), its magic and footer layout, and what every truncated or corrupted copy of it does.
/// </summary>
public sealed class GoldenFileTests
{
    /// <summary>
    /// The golden file: PAR1; column "time" REQUIRED INT64 TIMESTAMP(NANOS, UTC) values 1, 2, 3 in
    /// one uncompressed PLAIN page; column "v" OPTIONAL DOUBLE 1.5, null, -2; footer; length; PAR1.
    /// </summary>
    private const string GoldenHex =
        "50415231" +
        // time: page header = field 1 i32 DATA_PAGE (15 00), sizes 24 and 24 (15 30, zigzag), field 5
        // struct (2c): 3 values (15 06), PLAIN (15 00), RLE levels (15 06, 15 06), stops; then 1, 2, 3.
        "1500" + "1530" + "1530" + "2c" + "1506" + "1500" + "1506" + "1506" + "00" + "00" +
        "0100000000000000" + "0200000000000000" + "0300000000000000";

    /// <summary>Builds the golden table.</summary>
    private static byte[] WriteGolden()
    {
        var schema = new Schema([new Field("time", DataType.Timestamp, ColumnRole.Time), new Field("v", DataType.Float64, ColumnRole.Field)]);
        var v = new PrimitiveColumnBuilder<double>(DataType.Float64, 3);
        v.Append(1.5);
        v.AppendNull();
        v.Append(-2);
        var batch = new RecordBatch(schema, [new PrimitiveColumn<long>(DataType.Timestamp, [1L, 2L, 3L], 3), v.Build()], 3);
        using var stream = new MemoryStream();
        ParquetWriter.WriteFile(stream, schema, [batch], new ParquetWriterOptions { Compression = CompressionCodec.Uncompressed, DeltaEncoding = false });
        return stream.ToArray();
    }

    /// <summary>Magic at both ends; the trailer's length points at a footer that parses to the expected structure.</summary>
    [Fact]
    public void HasMagicAndFooterStructure()
    {
        byte[] file = WriteGolden();
        Assert.Equal("PAR1"u8.ToArray(), file[..4]);
        Assert.Equal("PAR1"u8.ToArray(), file[^4..]);
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        FileMetaData footer = FileMetaData.Read(file.AsSpan(file.Length - 8 - footerLength, footerLength));
        Assert.Equal(1, footer.Version);
        Assert.Equal(3, footer.NumRows);
        Assert.Equal(["schema", "time", "v"], footer.Schema.Select(e => e.Name));
        Assert.Equal(FieldRepetitionType.Required, footer.Schema[1].RepetitionType);
        Assert.Equal(FieldRepetitionType.Optional, footer.Schema[2].RepetitionType);
        Assert.Equal(LogicalTypeKind.Timestamp, footer.Schema[1].LogicalType!.Kind);
        Assert.Equal(TimeUnit.Nanos, footer.Schema[1].LogicalType!.Unit);
        RowGroup group = Assert.Single(footer.RowGroups);
        Assert.Equal(4, group.Columns[0].MetaData!.DataPageOffset);
        Assert.Equal(group.Columns[0].MetaData!.DataPageOffset + group.Columns[0].MetaData!.TotalCompressedSize, group.Columns[1].MetaData!.DataPageOffset);
        Assert.Equal(1, group.Columns[1].MetaData!.Statistics!.NullCount);
        Assert.Equal(BitConverter.GetBytes(-2.0), group.Columns[1].MetaData!.Statistics!.MinValue);
        Assert.Contains(footer.KeyValueMetadata!, kv => kv.Key == "iox.tags" && kv.Value == "[]");
        Assert.Contains(footer.KeyValueMetadata!, kv => kv.Key == "iox.schema" && kv.Value!.Contains("\"role\":\"Time\"", StringComparison.Ordinal));
    }

    /// <summary>The first column chunk's bytes are exactly the golden ones (page header fields per parquet.thrift, PLAIN values).</summary>
    [Fact]
    public void FirstChunkMatchesGoldenBytes()
    {
        byte[] file = WriteGolden();
        Assert.Equal(GoldenHex, Convert.ToHexStringLower(file)[..GoldenHex.Length]);
    }

    /// <summary>Every truncation of the file is rejected with a format error when opened or read.</summary>
    [Fact]
    public void EveryTruncationIsAFormatError()
    {
        byte[] file = WriteGolden();
        for (int length = 0; length < file.Length; length++)
        {
            byte[] truncated = file[..length];
            Assert.Throws<ParquetFormatException>(() => new ParquetReader(truncated).Read().ToList());
        }
    }

    /// <summary>
    /// Every single-byte corruption either still reads (the byte was not load-bearing, or the value
    /// changed) or fails with a typed error: never another exception, a hang or a crash.
    /// </summary>
    [Fact]
    public void EveryByteCorruptionFailsCleanlyOrReads()
    {
        byte[] original = ParquetRoundTripTests.WriteTable(40, new ParquetWriterOptions { PageRows = 16, RowGroupRows = 25 }, batchRows: 20);
        byte[] file = new byte[original.Length];
        foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
        {
            for (int position = 0; position < original.Length; position++)
            {
                original.CopyTo(file, 0);
                file[position] ^= mask;
                try
                {
                    var reader = new ParquetReader(file);
                    foreach (RecordBatch batch in reader.Read())
                    {
                        Assert.True(batch.RowCount > 0);
                    }
                }
                catch (ParquetFormatException)
                {
                }
                catch (SqlException)
                {
                }
            }
        }
    }
}
