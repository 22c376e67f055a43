using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>PageHeader</c>: precedes every page of a column chunk.</summary>
public sealed class PageHeader
{
    /// <summary>Kind of page.</summary>
    public PageType Type { get; set; }

    /// <summary>Bytes of the page body after decompression (v2: levels included).</summary>
    public int UncompressedPageSize { get; set; }

    /// <summary>Bytes of the page body as stored.</summary>
    public int CompressedPageSize { get; set; }

    /// <summary>Header of a v1 data page.</summary>
    public DataPageHeader? DataPageHeader { get; set; }

    /// <summary>Header of a dictionary page.</summary>
    public DictionaryPageHeader? DictionaryPageHeader { get; set; }

    /// <summary>Header of a v2 data page.</summary>
    public DataPageHeaderV2? DataPageHeaderV2 { get; set; }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.WriteI32Field(1, (int)Type);
        writer.WriteI32Field(2, UncompressedPageSize);
        writer.WriteI32Field(3, CompressedPageSize);
        if (DataPageHeader is not null)
        {
            writer.WriteFieldHeader(5, ThriftType.Struct);
            DataPageHeader.Write(writer);
        }

        if (DictionaryPageHeader is not null)
        {
            writer.WriteFieldHeader(7, ThriftType.Struct);
            DictionaryPageHeader.Write(writer);
        }

        if (DataPageHeaderV2 is not null)
        {
            writer.WriteFieldHeader(8, ThriftType.Struct);
            DataPageHeaderV2.Write(writer);
        }

        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields (crc, index page header, statistics).</summary>
    public static PageHeader Read(ref ThriftCompactReader reader)
    {
        var result = new PageHeader();
        int seen = 0;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    result.Type = (PageType)reader.ReadI32();
                    seen |= 1;
                    break;
                case 2 when type == ThriftType.I32:
                    result.UncompressedPageSize = reader.ReadI32();
                    seen |= 2;
                    break;
                case 3 when type == ThriftType.I32:
                    result.CompressedPageSize = reader.ReadI32();
                    seen |= 4;
                    break;
                case 5 when type == ThriftType.Struct:
                    result.DataPageHeader = DataPageHeader.Read(ref reader);
                    break;
                case 7 when type == ThriftType.Struct:
                    result.DictionaryPageHeader = DictionaryPageHeader.Read(ref reader);
                    break;
                case 8 when type == ThriftType.Struct:
                    result.DataPageHeaderV2 = DataPageHeaderV2.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        FormatChecks.Required(seen == 7, "of PageHeader (type, sizes)");
        if (result.UncompressedPageSize < 0 || result.CompressedPageSize < 0)
        {
            FormatChecks.Fail("negative page size");
        }

        return result;
    }
}
