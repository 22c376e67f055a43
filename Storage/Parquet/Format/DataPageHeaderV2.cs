using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>
/// parquet.thrift <c>DataPageHeaderV2</c>: repetition then definition levels come first, RLE without
/// a length prefix and never compressed; only the values after them are compressed (when
/// <see cref="IsCompressed"/>).
/// </summary>
public sealed class DataPageHeaderV2
{
    /// <summary>Values in the page, nulls included.</summary>
    public int NumValues { get; set; }

    /// <summary>Nulls in the page.</summary>
    public int NumNulls { get; set; }

    /// <summary>Rows in the page.</summary>
    public int NumRows { get; set; }

    /// <summary>Encoding of the values.</summary>
    public Encoding Encoding { get; set; }

    /// <summary>Bytes of the definition levels.</summary>
    public int DefinitionLevelsByteLength { get; set; }

    /// <summary>Bytes of the repetition levels.</summary>
    public int RepetitionLevelsByteLength { get; set; }

    /// <summary>Whether the values section is compressed (default true).</summary>
    public bool IsCompressed { get; set; } = true;

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, NumValues);
        writer.WriteI32Field(2, NumNulls);
        writer.WriteI32Field(3, NumRows);
        writer.WriteI32Field(4, (int)Encoding);
        writer.WriteI32Field(5, DefinitionLevelsByteLength);
        writer.WriteI32Field(6, RepetitionLevelsByteLength);
        writer.WriteBoolField(7, IsCompressed);
        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields.</summary>
    public static DataPageHeaderV2 Read(ref ThriftCompactReader reader)
    {
        var result = new DataPageHeaderV2();
        int seen = 0;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    result.NumValues = reader.ReadI32();
                    seen |= 1;
                    break;
                case 2 when type == ThriftType.I32:
                    result.NumNulls = reader.ReadI32();
                    seen |= 2;
                    break;
                case 3 when type == ThriftType.I32:
                    result.NumRows = reader.ReadI32();
                    seen |= 4;
                    break;
                case 4 when type == ThriftType.I32:
                    result.Encoding = (Encoding)reader.ReadI32();
                    seen |= 8;
                    break;
                case 5 when type == ThriftType.I32:
                    result.DefinitionLevelsByteLength = reader.ReadI32();
                    seen |= 16;
                    break;
                case 6 when type == ThriftType.I32:
                    result.RepetitionLevelsByteLength = reader.ReadI32();
                    seen |= 32;
                    break;
                case 7 when type is ThriftType.BooleanTrue or ThriftType.BooleanFalse:
                    result.IsCompressed = reader.ReadBool(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        FormatChecks.Required(seen == 63, "of DataPageHeaderV2");
        return result;
    }
}
