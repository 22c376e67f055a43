using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>DataPageHeader</c> (data page v1: levels and values compressed together).</summary>
public sealed class DataPageHeader
{
    /// <summary>Values in the page, nulls included.</summary>
    public int NumValues { get; set; }

    /// <summary>Encoding of the values.</summary>
    public Encoding Encoding { get; set; }

    /// <summary>Encoding of the definition levels (RLE).</summary>
    public Encoding DefinitionLevelEncoding { get; set; } = Encoding.Rle;

    /// <summary>Encoding of the repetition levels (RLE).</summary>
    public Encoding RepetitionLevelEncoding { get; set; } = Encoding.Rle;

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, NumValues);
        writer.WriteI32Field(2, (int)Encoding);
        writer.WriteI32Field(3, (int)DefinitionLevelEncoding);
        writer.WriteI32Field(4, (int)RepetitionLevelEncoding);
        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields (page statistics included).</summary>
    public static DataPageHeader Read(ref ThriftCompactReader reader)
    {
        var result = new DataPageHeader();
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
                    result.Encoding = (Encoding)reader.ReadI32();
                    seen |= 2;
                    break;
                case 3 when type == ThriftType.I32:
                    result.DefinitionLevelEncoding = (Encoding)reader.ReadI32();
                    seen |= 4;
                    break;
                case 4 when type == ThriftType.I32:
                    result.RepetitionLevelEncoding = (Encoding)reader.ReadI32();
                    seen |= 8;
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        FormatChecks.Required(seen == 15, "of DataPageHeader");
        return result;
    }
}
