using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>ColumnChunk</c>: one column of one row group.</summary>
public sealed class ColumnChunk
{
    /// <summary>File holding the chunk when not this one (we refuse such files).</summary>
    public string? FilePath { get; set; }

    /// <summary>Offset of the chunk (its first page) in the file.</summary>
    public long FileOffset { get; set; }

    /// <summary>The chunk's metadata (optional in the format; required by our reader).</summary>
    public ColumnMetaData? MetaData { get; set; }

    /// <summary>File offset of the chunk's <see cref="OffsetIndex"/>, when written.</summary>
    public long? OffsetIndexOffset { get; set; }

    /// <summary>Length of the chunk's <see cref="OffsetIndex"/>.</summary>
    public int? OffsetIndexLength { get; set; }

    /// <summary>File offset of the chunk's <see cref="ColumnIndex"/>, when written.</summary>
    public long? ColumnIndexOffset { get; set; }

    /// <summary>Length of the chunk's <see cref="ColumnIndex"/>.</summary>
    public int? ColumnIndexLength { get; set; }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        if (FilePath is not null)
        {
            writer.WriteStringField(1, FilePath);
        }

        writer.WriteI64Field(2, FileOffset);
        if (MetaData is not null)
        {
            writer.WriteFieldHeader(3, ThriftType.Struct);
            MetaData.Write(writer);
        }

        if (OffsetIndexOffset is { } offsetIndexOffset && OffsetIndexLength is { } offsetIndexLength)
        {
            writer.WriteI64Field(4, offsetIndexOffset);
            writer.WriteI32Field(5, offsetIndexLength);
        }

        if (ColumnIndexOffset is { } columnIndexOffset && ColumnIndexLength is { } columnIndexLength)
        {
            writer.WriteI64Field(6, columnIndexOffset);
            writer.WriteI32Field(7, columnIndexLength);
        }

        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields.</summary>
    public static ColumnChunk Read(ref ThriftCompactReader reader)
    {
        var result = new ColumnChunk();
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            switch (id)
            {
                case 1 when type == ThriftType.Binary:
                    result.FilePath = reader.ReadString();
                    break;
                case 2 when type == ThriftType.I64:
                    result.FileOffset = reader.ReadI64();
                    break;
                case 3 when type == ThriftType.Struct:
                    result.MetaData = ColumnMetaData.Read(ref reader);
                    break;
                case 4 when type == ThriftType.I64:
                    result.OffsetIndexOffset = reader.ReadI64();
                    break;
                case 5 when type == ThriftType.I32:
                    result.OffsetIndexLength = reader.ReadI32();
                    break;
                case 6 when type == ThriftType.I64:
                    result.ColumnIndexOffset = reader.ReadI64();
                    break;
                case 7 when type == ThriftType.I32:
                    result.ColumnIndexLength = reader.ReadI32();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        return result;
    }
}
