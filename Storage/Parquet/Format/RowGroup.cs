using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>RowGroup</c>: a horizontal slice of the file, one chunk per column.</summary>
public sealed class RowGroup
{
    /// <summary>One chunk per leaf column, in schema order.</summary>
    public List<ColumnChunk> Columns { get; set; } = new();

    /// <summary>Uncompressed bytes of all the chunks.</summary>
    public long TotalByteSize { get; set; }

    /// <summary>Rows in the group.</summary>
    public long NumRows { get; set; }

    /// <summary>Offset of the first page of the group.</summary>
    public long? FileOffset { get; set; }

    /// <summary>Compressed bytes of all the chunks.</summary>
    public long? TotalCompressedSize { get; set; }

    /// <summary>Position of the group in the file.</summary>
    public short? Ordinal { get; set; }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.BeginListField(1, ThriftType.Struct, Columns.Count);
        foreach (ColumnChunk column in Columns)
        {
            column.Write(writer);
        }

        writer.WriteI64Field(2, TotalByteSize);
        writer.WriteI64Field(3, NumRows);
        if (FileOffset is { } fileOffset)
        {
            writer.WriteI64Field(5, fileOffset);
        }

        if (TotalCompressedSize is { } compressed)
        {
            writer.WriteI64Field(6, compressed);
        }

        if (Ordinal is { } ordinal)
        {
            writer.WriteI16Field(7, ordinal);
        }

        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields.</summary>
    public static RowGroup Read(ref ThriftCompactReader reader)
    {
        var result = new RowGroup();
        int seen = 0;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            switch (id)
            {
                case 1 when type == ThriftType.List:
                {
                    int count = reader.ReadListHeader(out ThriftType elementType);
                    if (elementType != ThriftType.Struct)
                    {
                        FormatChecks.Fail("RowGroup.columns is not a list of structs");
                    }

                    for (int i = 0; i < count; i++)
                    {
                        result.Columns.Add(ColumnChunk.Read(ref reader));
                    }

                    seen |= 1;
                    break;
                }

                case 2 when type == ThriftType.I64:
                    result.TotalByteSize = reader.ReadI64();
                    seen |= 2;
                    break;
                case 3 when type == ThriftType.I64:
                    result.NumRows = reader.ReadI64();
                    seen |= 4;
                    break;
                case 5 when type == ThriftType.I64:
                    result.FileOffset = reader.ReadI64();
                    break;
                case 6 when type == ThriftType.I64:
                    result.TotalCompressedSize = reader.ReadI64();
                    break;
                case 7 when type == ThriftType.I16:
                    result.Ordinal = reader.ReadI16();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        FormatChecks.Required(seen == 7, "of RowGroup (columns, total_byte_size, num_rows)");
        return result;
    }
}
