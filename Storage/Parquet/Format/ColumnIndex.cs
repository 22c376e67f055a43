using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>
/// parquet.thrift <c>ColumnIndex</c> (page index): per data page of one column chunk, whether the
/// page holds only nulls and otherwise its min and max (PLAIN-encoded, in the column's type-defined
/// order), optionally its null count. Entry i describes the page at <c>OffsetIndex.page_locations[i]</c>.
/// Invariant: all lists have one entry per page; a null page's min and max are empty.
/// </summary>
public sealed class ColumnIndex
{
    /// <summary>Whether each page holds only nulls.</summary>
    public List<bool> NullPages { get; } = new();

    /// <summary>Lower bound of each page (empty for null pages).</summary>
    public List<byte[]> MinValues { get; } = new();

    /// <summary>Upper bound of each page (empty for null pages).</summary>
    public List<byte[]> MaxValues { get; } = new();

    /// <summary>Whether the bounds are sorted.</summary>
    public BoundaryOrder BoundaryOrder { get; set; }

    /// <summary>Nulls per page, when written.</summary>
    public List<long>? NullCounts { get; set; }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.BeginListField(1, ThriftType.BooleanTrue, NullPages.Count);
        foreach (bool nullPage in NullPages)
        {
            writer.WriteBool(nullPage);
        }

        writer.BeginListField(2, ThriftType.Binary, MinValues.Count);
        foreach (byte[] min in MinValues)
        {
            writer.WriteBinary(min);
        }

        writer.BeginListField(3, ThriftType.Binary, MaxValues.Count);
        foreach (byte[] max in MaxValues)
        {
            writer.WriteBinary(max);
        }

        writer.WriteI32Field(4, (int)BoundaryOrder);
        if (NullCounts is not null)
        {
            writer.BeginListField(5, ThriftType.I64, NullCounts.Count);
            foreach (long nulls in NullCounts)
            {
                writer.WriteI64(nulls);
            }
        }

        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields (e.g. the level histograms).</summary>
    public static ColumnIndex Read(ref ThriftCompactReader reader)
    {
        var result = new ColumnIndex();
        int seen = 0;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            switch (id)
            {
                case 1 when type == ThriftType.List:
                {
                    int count = reader.ReadListHeader(out ThriftType elementType);
                    if (elementType is not (ThriftType.BooleanTrue or ThriftType.BooleanFalse))
                    {
                        FormatChecks.Fail("ColumnIndex.null_pages is not a list of booleans");
                    }

                    for (int i = 0; i < count; i++)
                    {
                        result.NullPages.Add(reader.ReadBoolElement());
                    }

                    seen |= 1;
                    break;
                }

                case 2 when type == ThriftType.List:
                    ReadBinaries(ref reader, result.MinValues, "min_values");
                    seen |= 2;
                    break;
                case 3 when type == ThriftType.List:
                    ReadBinaries(ref reader, result.MaxValues, "max_values");
                    seen |= 4;
                    break;
                case 4 when type == ThriftType.I32:
                    result.BoundaryOrder = (BoundaryOrder)reader.ReadI32();
                    seen |= 8;
                    break;
                case 5 when type == ThriftType.List:
                {
                    int count = reader.ReadListHeader(out ThriftType elementType);
                    if (elementType != ThriftType.I64)
                    {
                        FormatChecks.Fail("ColumnIndex.null_counts is not a list of i64");
                    }

                    result.NullCounts = new List<long>(count);
                    for (int i = 0; i < count; i++)
                    {
                        result.NullCounts.Add(reader.ReadI64());
                    }

                    break;
                }

                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        FormatChecks.Required(seen == 15, "of ColumnIndex (null_pages, min_values, max_values, boundary_order)");
        if (result.MinValues.Count != result.NullPages.Count || result.MaxValues.Count != result.NullPages.Count
            || (result.NullCounts is { } nulls && nulls.Count != result.NullPages.Count))
        {
            FormatChecks.Fail("ColumnIndex lists differ in length");
        }

        return result;
    }

    /// <summary>Reads a list of binaries.</summary>
    private static void ReadBinaries(ref ThriftCompactReader reader, List<byte[]> target, string field)
    {
        int count = reader.ReadListHeader(out ThriftType elementType);
        if (elementType != ThriftType.Binary)
        {
            FormatChecks.Fail($"ColumnIndex.{field} is not a list of binaries");
        }

        for (int i = 0; i < count; i++)
        {
            target.Add(reader.ReadBinary().ToArray());
        }
    }
}
