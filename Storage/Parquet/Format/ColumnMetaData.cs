using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>ColumnMetaData</c>: where a column chunk's pages are and how they are encoded.</summary>
public sealed class ColumnMetaData
{
    /// <summary>Physical type.</summary>
    public PhysicalType Type { get; set; }

    /// <summary>Every encoding used in the chunk (levels, dictionary and data pages).</summary>
    public List<Encoding> Encodings { get; set; } = new();

    /// <summary>Path from the root to the column.</summary>
    public List<string> PathInSchema { get; set; } = new();

    /// <summary>Codec of every page.</summary>
    public CompressionCodec Codec { get; set; }

    /// <summary>Number of values, nulls included.</summary>
    public long NumValues { get; set; }

    /// <summary>Bytes of all pages, headers included, before compression.</summary>
    public long TotalUncompressedSize { get; set; }

    /// <summary>Bytes of all pages, headers included, as stored.</summary>
    public long TotalCompressedSize { get; set; }

    /// <summary>File offset of the first data page.</summary>
    public long DataPageOffset { get; set; }

    /// <summary>File offset of the dictionary page, if any.</summary>
    public long? DictionaryPageOffset { get; set; }

    /// <summary>Chunk statistics.</summary>
    public Statistics? Statistics { get; set; }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, (int)Type);
        writer.BeginListField(2, ThriftType.I32, Encodings.Count);
        foreach (Encoding encoding in Encodings)
        {
            writer.WriteI32((int)encoding);
        }

        writer.BeginListField(3, ThriftType.Binary, PathInSchema.Count);
        foreach (string part in PathInSchema)
        {
            writer.WriteString(part);
        }

        writer.WriteI32Field(4, (int)Codec);
        writer.WriteI64Field(5, NumValues);
        writer.WriteI64Field(6, TotalUncompressedSize);
        writer.WriteI64Field(7, TotalCompressedSize);
        writer.WriteI64Field(9, DataPageOffset);
        if (DictionaryPageOffset is { } dictionaryOffset)
        {
            writer.WriteI64Field(11, dictionaryOffset);
        }

        if (Statistics is not null)
        {
            writer.WriteFieldHeader(12, ThriftType.Struct);
            Statistics.Write(writer);
        }

        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields.</summary>
    public static ColumnMetaData Read(ref ThriftCompactReader reader)
    {
        var result = new ColumnMetaData();
        int seen = 0;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    result.Type = (PhysicalType)reader.ReadI32();
                    seen |= 1;
                    break;
                case 2 when type == ThriftType.List:
                {
                    int count = reader.ReadListHeader(out ThriftType elementType);
                    for (int i = 0; i < count; i++)
                    {
                        if (elementType == ThriftType.I32)
                        {
                            result.Encodings.Add((Encoding)reader.ReadI32());
                        }
                        else
                        {
                            reader.Skip(elementType);
                        }
                    }

                    seen |= 2;
                    break;
                }

                case 3 when type == ThriftType.List:
                {
                    int count = reader.ReadListHeader(out ThriftType elementType);
                    for (int i = 0; i < count; i++)
                    {
                        if (elementType == ThriftType.Binary)
                        {
                            result.PathInSchema.Add(reader.ReadString());
                        }
                        else
                        {
                            reader.Skip(elementType);
                        }
                    }

                    seen |= 4;
                    break;
                }

                case 4 when type == ThriftType.I32:
                    result.Codec = (CompressionCodec)reader.ReadI32();
                    seen |= 8;
                    break;
                case 5 when type == ThriftType.I64:
                    result.NumValues = reader.ReadI64();
                    seen |= 16;
                    break;
                case 6 when type == ThriftType.I64:
                    result.TotalUncompressedSize = reader.ReadI64();
                    seen |= 32;
                    break;
                case 7 when type == ThriftType.I64:
                    result.TotalCompressedSize = reader.ReadI64();
                    seen |= 64;
                    break;
                case 9 when type == ThriftType.I64:
                    result.DataPageOffset = reader.ReadI64();
                    seen |= 128;
                    break;
                case 11 when type == ThriftType.I64:
                    result.DictionaryPageOffset = reader.ReadI64();
                    break;
                case 12 when type == ThriftType.Struct:
                    result.Statistics = Statistics.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        FormatChecks.Required(seen == 255, "of ColumnMetaData (type, encodings, path_in_schema, codec, num_values, sizes, data_page_offset)");
        return result;
    }
}
