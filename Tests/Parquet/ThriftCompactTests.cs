using IOx.Pg.Storage.Parquet;
using IOx.Pg.Storage.Parquet.Format;
using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Tests.Parquet;

/// <summary>Thrift compact protocol: encodings byte by byte, round trips, skipping unknown fields, malformed input.</summary>
public sealed class ThriftCompactTests
{
    /// <summary>Field headers use deltas up to 15, then the long form; values are zigzag varints.</summary>
    [Fact]
    public void EncodesFieldHeadersAndVarintsPerSpec()
    {
        var writer = new ThriftCompactWriter();
        writer.BeginStruct();
        writer.WriteI32Field(1, 1);        // delta 1, type 5: 0x15, zigzag(1) = 2
        writer.WriteI64Field(17, -1);      // delta 16 > 15: long form 0x06, zigzag(17) = 34, zigzag(-1) = 1
        writer.WriteBoolField(18, true);   // delta 1, type 1: 0x11
        writer.WriteBoolField(19, false);  // delta 1, type 2: 0x12
        writer.WriteStringField(20, "ab"); // 0x18, length 2, 'a', 'b'
        writer.WriteI32Field(21, 300);     // 0x15, zigzag(300) = 600 = 0xD8 0x04
        writer.EndStruct();                // 0x00
        Assert.Equal(
            new byte[] { 0x15, 0x02, 0x06, 0x22, 0x01, 0x11, 0x12, 0x18, 0x02, (byte)'a', (byte)'b', 0x15, 0xD8, 0x04, 0x00 },
            writer.WrittenSpan.ToArray());
    }

    /// <summary>Short lists put the count in the header; 15 and more use 0xF_ plus a varint.</summary>
    [Fact]
    public void EncodesListHeaders()
    {
        var writer = new ThriftCompactWriter();
        writer.WriteListHeader(ThriftType.I32, 3);
        writer.WriteListHeader(ThriftType.Struct, 20);
        Assert.Equal(new byte[] { 0x35, 0xFC, 0x14 }, writer.WrittenSpan.ToArray());
        byte[] padded = [.. writer.WrittenSpan, 0, 0, 0];
        var reader = new ThriftCompactReader(padded);
        Assert.Equal(3, reader.ReadListHeader(out ThriftType first));
        Assert.Equal(ThriftType.I32, first);
        // The second header claims 20 elements with no bytes left: rejected before any element is read.
        Assert.Throws<ThriftProtocolException>(() =>
        {
            var again = new ThriftCompactReader(writer.WrittenSpan[1..]);
            again.ReadListHeader(out _);
        });
    }

    /// <summary>The footer structures round-trip through the compact protocol.</summary>
    [Fact]
    public void FileMetaDataRoundTrips()
    {
        var metadata = new FileMetaData
        {
            Version = 1,
            NumRows = 1L << 40,
            CreatedBy = "test",
            KeyValueMetadata = [new KeyValue { Key = "k", Value = "v ü" }, new KeyValue { Key = "only-key" }],
            ColumnOrders = [true, false],
        };
        metadata.Schema.Add(new SchemaElement { Name = "schema", NumChildren = 2 });
        metadata.Schema.Add(new SchemaElement { Name = "t", Type = PhysicalType.Int64, RepetitionType = FieldRepetitionType.Required, LogicalType = LogicalType.Timestamp(TimeUnit.Nanos, true) });
        metadata.Schema.Add(new SchemaElement { Name = "u", Type = PhysicalType.Int64, RepetitionType = FieldRepetitionType.Optional, ConvertedType = ConvertedType.UInt64, LogicalType = LogicalType.Integer(64, false) });
        metadata.RowGroups.Add(new RowGroup
        {
            NumRows = 1L << 40,
            TotalByteSize = 123,
            Ordinal = 0,
            Columns =
            [
                new ColumnChunk
                {
                    FileOffset = 4,
                    MetaData = new ColumnMetaData
                    {
                        Type = PhysicalType.Int64, Encodings = [Encoding.Plain, Encoding.Rle], PathInSchema = ["t"], Codec = CompressionCodec.Snappy,
                        NumValues = 1L << 40, TotalCompressedSize = 10, TotalUncompressedSize = 20, DataPageOffset = 4, DictionaryPageOffset = 5,
                        Statistics = new Statistics { MinValue = [1, 2], MaxValue = [3], NullCount = 0 },
                    },
                },
            ],
        });
        var writer = new ThriftCompactWriter();
        metadata.Write(writer);
        FileMetaData back = FileMetaData.Read(writer.WrittenSpan);
        Assert.Equal(1L << 40, back.NumRows);
        Assert.Equal("test", back.CreatedBy);
        Assert.Equal("v ü", back.KeyValueMetadata![0].Value);
        Assert.Null(back.KeyValueMetadata[1].Value);
        Assert.Equal([true, false], back.ColumnOrders);
        Assert.Equal(TimeUnit.Nanos, back.Schema[1].LogicalType!.Unit);
        Assert.True(back.Schema[1].LogicalType!.IsAdjustedToUtc);
        Assert.False(back.Schema[2].LogicalType!.IsSigned);
        Assert.Equal(64, back.Schema[2].LogicalType!.BitWidth);
        ColumnMetaData column = back.RowGroups[0].Columns[0].MetaData!;
        Assert.Equal([Encoding.Plain, Encoding.Rle], column.Encodings);
        Assert.Equal(5, column.DictionaryPageOffset);
        Assert.Equal(new byte[] { 1, 2 }, column.Statistics!.MinValue);
    }

    /// <summary>Unknown fields of every type (as newer writers add) are skipped.</summary>
    [Fact]
    public void SkipsUnknownFieldsOfEveryType()
    {
        var writer = new ThriftCompactWriter();
        writer.BeginStruct();
        writer.WriteStringField(1, "key");
        writer.WriteDoubleField(3, 1.5);
        writer.WriteByteField(4, -3);
        writer.WriteI16Field(5, -300);
        writer.WriteBoolField(6, true);
        writer.BeginListField(7, ThriftType.BooleanTrue, 3);
        writer.WriteBool(true);
        writer.WriteBool(false);
        writer.WriteBool(true);
        writer.BeginStructField(8);
        writer.WriteI64Field(1, long.MinValue);
        writer.BeginListField(2, ThriftType.Struct, 1);
        writer.BeginStruct();
        writer.WriteBinaryField(200, [1, 2, 3]);
        writer.EndStruct();
        writer.EndStruct();
        // map<i32, string> with two entries: count, key/value type nibbles, entries.
        writer.WriteFieldHeader(9, ThriftType.Map);
        writer.WriteVarint(2);
        writer.WriteVarint(((int)ThriftType.I32 << 4) | (int)ThriftType.Binary);
        writer.WriteI32(7);
        writer.WriteString("seven");
        writer.WriteI32(8);
        writer.WriteString("eight");
        writer.WriteFieldHeader(10, ThriftType.Set);
        writer.WriteListHeader(ThriftType.I64, 1);
        writer.WriteI64(99);
        writer.WriteFieldHeader(11, ThriftType.Map);
        writer.WriteVarint(0); // an empty map is just the zero count
        writer.WriteStringField(12, "tail");
        writer.WriteStringField(2, "value"); // the id goes down: long-form header
        writer.EndStruct();

        var reader = new ThriftCompactReader(writer.WrittenSpan);
        KeyValue keyValue = KeyValue.Read(ref reader);
        Assert.Equal("key", keyValue.Key);
        Assert.Equal("value", keyValue.Value);
        Assert.Equal(writer.Length, reader.Position);
    }

    /// <summary>Malformed input: truncation anywhere, bad type codes, overlong varints, deep nesting.</summary>
    [Fact]
    public void MalformedInputRaisesTypedErrors()
    {
        var writer = new ThriftCompactWriter();
        new KeyValue { Key = "some key", Value = "some value" }.Write(writer);
        byte[] bytes = writer.WrittenSpan.ToArray();
        for (int length = 0; length < bytes.Length; length++)
        {
            byte[] truncated = bytes[..length];
            Assert.Throws<ThriftProtocolException>(() =>
            {
                var reader = new ThriftCompactReader(truncated);
                KeyValue.Read(ref reader);
            });
        }

        Assert.Throws<ThriftProtocolException>(() =>
        {
            var reader = new ThriftCompactReader([0x1D, 0x00]); // type code 13 does not exist
            KeyValue.Read(ref reader);
        });
        Assert.Throws<ThriftProtocolException>(() =>
        {
            var reader = new ThriftCompactReader([0x15, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
            reader.SkipStruct();
        });

        // 10,000 nested structs: rejected at the depth limit instead of overflowing the stack.
        byte[] deep = new byte[10_000];
        deep.AsSpan().Fill(0x1C); // field delta 1, type struct
        Assert.Throws<ThriftProtocolException>(() =>
        {
            var reader = new ThriftCompactReader(deep);
            reader.SkipStruct();
        });

        // A required field missing is a format error naming it.
        var noKey = new ThriftCompactWriter();
        noKey.BeginStruct();
        noKey.WriteStringField(2, "v");
        noKey.EndStruct();
        ParquetFormatException error = Assert.ThrowsAny<ParquetFormatException>(() =>
        {
            var reader = new ThriftCompactReader(noKey.WrittenSpan);
            KeyValue.Read(ref reader);
        });
        Assert.Contains("KeyValue.key", error.Message, StringComparison.Ordinal);
    }
}
