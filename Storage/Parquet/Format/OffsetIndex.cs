using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>
/// parquet.thrift <c>OffsetIndex</c> (page index): the location and first row of every data page
/// of one column chunk, ordered by offset, first rows strictly increasing. Lets a reader fetch and
/// decode only the pages holding the rows it wants.
/// </summary>
public sealed class OffsetIndex
{
    /// <summary>One entry per data page (dictionary pages are not listed).</summary>
    public List<PageLocation> PageLocations { get; } = new();

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.BeginListField(1, ThriftType.Struct, PageLocations.Count);
        foreach (PageLocation location in PageLocations)
        {
            location.Write(writer);
        }

        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields (e.g. unencoded_byte_array_data_bytes).</summary>
    public static OffsetIndex Read(ref ThriftCompactReader reader)
    {
        var result = new OffsetIndex();
        bool seen = false;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            if (id == 1 && type == ThriftType.List)
            {
                int count = reader.ReadListHeader(out ThriftType elementType);
                if (elementType != ThriftType.Struct)
                {
                    FormatChecks.Fail("OffsetIndex.page_locations is not a list of structs");
                }

                for (int i = 0; i < count; i++)
                {
                    result.PageLocations.Add(PageLocation.Read(ref reader));
                }

                seen = true;
            }
            else
            {
                reader.Skip(type);
            }
        }

        reader.EndStruct(token);
        FormatChecks.Required(seen, "of OffsetIndex (page_locations)");
        return result;
    }
}
