using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>PageLocation</c>: where one data page of a column chunk lies and which row it starts at.</summary>
/// <param name="Offset">File offset of the page header.</param>
/// <param name="CompressedPageSize">Header plus compressed body, in bytes.</param>
/// <param name="FirstRowIndex">Index, within the row group, of the page's first row.</param>
public sealed record PageLocation(long Offset, int CompressedPageSize, long FirstRowIndex)
{
    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI64Field(1, Offset);
        writer.WriteI32Field(2, CompressedPageSize);
        writer.WriteI64Field(3, FirstRowIndex);
        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields.</summary>
    public static PageLocation Read(ref ThriftCompactReader reader)
    {
        long offset = 0;
        int size = 0;
        long first = 0;
        int seen = 0;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I64:
                    offset = reader.ReadI64();
                    seen |= 1;
                    break;
                case 2 when type == ThriftType.I32:
                    size = reader.ReadI32();
                    seen |= 2;
                    break;
                case 3 when type == ThriftType.I64:
                    first = reader.ReadI64();
                    seen |= 4;
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        FormatChecks.Required(seen == 7, "of PageLocation (offset, compressed_page_size, first_row_index)");
        return new PageLocation(offset, size, first);
    }
}
