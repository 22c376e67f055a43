using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>FileMetaData</c>: the footer, describing the schema, row groups and chunks.</summary>
public sealed class FileMetaData
{
    /// <summary>Format version (1 or 2).</summary>
    public int Version { get; set; } = 1;

    /// <summary>The schema tree flattened depth-first; element 0 is the root.</summary>
    public List<SchemaElement> Schema { get; set; } = new();

    /// <summary>Rows in the file.</summary>
    public long NumRows { get; set; }

    /// <summary>The row groups.</summary>
    public List<RowGroup> RowGroups { get; set; } = new();

    /// <summary>Application metadata.</summary>
    public List<KeyValue>? KeyValueMetadata { get; set; }

    /// <summary>The writing application.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>
    /// Per-leaf column orders; true means TYPE_DEFINED_ORDER (min_value/max_value are valid in the
    /// type's sort order). Null when absent: then only the deprecated statistics exist for readers.
    /// </summary>
    public List<bool>? ColumnOrders { get; set; }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, Version);
        writer.BeginListField(2, ThriftType.Struct, Schema.Count);
        foreach (SchemaElement element in Schema)
        {
            element.Write(writer);
        }

        writer.WriteI64Field(3, NumRows);
        writer.BeginListField(4, ThriftType.Struct, RowGroups.Count);
        foreach (RowGroup rowGroup in RowGroups)
        {
            rowGroup.Write(writer);
        }

        if (KeyValueMetadata is not null)
        {
            writer.BeginListField(5, ThriftType.Struct, KeyValueMetadata.Count);
            foreach (KeyValue keyValue in KeyValueMetadata)
            {
                keyValue.Write(writer);
            }
        }

        if (CreatedBy is not null)
        {
            writer.WriteStringField(6, CreatedBy);
        }

        if (ColumnOrders is not null)
        {
            writer.BeginListField(7, ThriftType.Struct, ColumnOrders.Count);
            foreach (bool typeDefined in ColumnOrders)
            {
                // ColumnOrder is a union whose only member, TYPE_ORDER (field 1), is an empty struct.
                writer.BeginStruct();
                if (typeDefined)
                {
                    writer.BeginStructField(1);
                    writer.EndStruct();
                }

                writer.EndStruct();
            }
        }

        writer.EndStruct();
    }

    /// <summary>Reads the footer, skipping unknown fields.</summary>
    public static FileMetaData Read(ReadOnlySpan<byte> bytes)
    {
        var reader = new ThriftCompactReader(bytes);
        return Read(ref reader);
    }

    /// <summary>Reads the struct, skipping unknown fields.</summary>
    public static FileMetaData Read(ref ThriftCompactReader reader)
    {
        var result = new FileMetaData();
        int seen = 0;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    result.Version = reader.ReadI32();
                    seen |= 1;
                    break;
                case 2 when type == ThriftType.List:
                {
                    int count = ReadStructListHeader(ref reader, "schema");
                    for (int i = 0; i < count; i++)
                    {
                        result.Schema.Add(SchemaElement.Read(ref reader));
                    }

                    seen |= 2;
                    break;
                }

                case 3 when type == ThriftType.I64:
                    result.NumRows = reader.ReadI64();
                    seen |= 4;
                    break;
                case 4 when type == ThriftType.List:
                {
                    int count = ReadStructListHeader(ref reader, "row_groups");
                    for (int i = 0; i < count; i++)
                    {
                        result.RowGroups.Add(RowGroup.Read(ref reader));
                    }

                    seen |= 8;
                    break;
                }

                case 5 when type == ThriftType.List:
                {
                    int count = ReadStructListHeader(ref reader, "key_value_metadata");
                    result.KeyValueMetadata = new List<KeyValue>(count);
                    for (int i = 0; i < count; i++)
                    {
                        result.KeyValueMetadata.Add(KeyValue.Read(ref reader));
                    }

                    break;
                }

                case 6 when type == ThriftType.Binary:
                    result.CreatedBy = reader.ReadString();
                    break;
                case 7 when type == ThriftType.List:
                {
                    int count = ReadStructListHeader(ref reader, "column_orders");
                    result.ColumnOrders = new List<bool>(count);
                    for (int i = 0; i < count; i++)
                    {
                        result.ColumnOrders.Add(ReadColumnOrder(ref reader));
                    }

                    break;
                }

                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        FormatChecks.Required(seen == 15, "of FileMetaData (version, schema, num_rows, row_groups)");
        return result;
    }

    /// <summary>Reads a list header that must announce structs.</summary>
    private static int ReadStructListHeader(ref ThriftCompactReader reader, string field)
    {
        int count = reader.ReadListHeader(out ThriftType elementType);
        if (elementType != ThriftType.Struct)
        {
            FormatChecks.Fail($"FileMetaData.{field} is not a list of structs");
        }

        return count;
    }

    /// <summary>Reads one ColumnOrder union: true when it is TYPE_ORDER.</summary>
    private static bool ReadColumnOrder(ref ThriftCompactReader reader)
    {
        bool typeDefined = false;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            typeDefined |= id == 1 && type == ThriftType.Struct;
            reader.Skip(type);
        }

        reader.EndStruct(token);
        return typeDefined;
    }
}
