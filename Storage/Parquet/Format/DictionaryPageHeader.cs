using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>DictionaryPageHeader</c>: the distinct values of a chunk, PLAIN-encoded.</summary>
public sealed class DictionaryPageHeader
{
    /// <summary>Number of dictionary entries.</summary>
    public int NumValues { get; set; }

    /// <summary>Encoding (PLAIN, or the legacy PLAIN_DICTIONARY).</summary>
    public Encoding Encoding { get; set; } = Encoding.Plain;

    /// <summary>Whether entries are sorted.</summary>
    public bool? IsSorted { get; set; }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, NumValues);
        writer.WriteI32Field(2, (int)Encoding);
        if (IsSorted is { } sorted)
        {
            writer.WriteBoolField(3, sorted);
        }

        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields.</summary>
    public static DictionaryPageHeader Read(ref ThriftCompactReader reader)
    {
        var result = new DictionaryPageHeader();
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
                case 3 when type is ThriftType.BooleanTrue or ThriftType.BooleanFalse:
                    result.IsSorted = reader.ReadBool(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        FormatChecks.Required(seen == 3, "of DictionaryPageHeader");
        return result;
    }
}
