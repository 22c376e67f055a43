using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>KeyValue</c>: one entry of file or column key-value metadata.</summary>
public sealed class KeyValue
{
    /// <summary>The key (required).</summary>
    public string Key { get; set; } = "";

    /// <summary>The value, if any.</summary>
    public string? Value { get; set; }

    /// <summary>Writes the struct (the caller has written the field or list header).</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteStringField(1, Key);
        if (Value is not null)
        {
            writer.WriteStringField(2, Value);
        }

        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields.</summary>
    public static KeyValue Read(ref ThriftCompactReader reader)
    {
        var result = new KeyValue();
        bool hasKey = false;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            switch (id)
            {
                case 1 when type == ThriftType.Binary:
                    result.Key = reader.ReadString();
                    hasKey = true;
                    break;
                case 2 when type == ThriftType.Binary:
                    result.Value = reader.ReadString();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        FormatChecks.Required(hasKey, "KeyValue.key");
        return result;
    }
}
