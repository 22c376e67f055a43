using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>
/// parquet.thrift <c>Statistics</c>. <see cref="MinValue"/>/<see cref="MaxValue"/> are PLAIN-encoded
/// values (byte arrays without a length prefix) ordered by the column's type-defined sort order
/// (signed for INT64, unsigned for INT(64,false), bytewise unsigned for strings). The deprecated
/// <see cref="Min"/>/<see cref="Max"/> used signed byte order and are only trusted for numbers.
/// </summary>
public sealed class Statistics
{
    /// <summary>Deprecated max (field 1).</summary>
    public byte[]? Max { get; set; }

    /// <summary>Deprecated min (field 2).</summary>
    public byte[]? Min { get; set; }

    /// <summary>Number of nulls.</summary>
    public long? NullCount { get; set; }

    /// <summary>Number of distinct values.</summary>
    public long? DistinctCount { get; set; }

    /// <summary>Maximum value (field 5).</summary>
    public byte[]? MaxValue { get; set; }

    /// <summary>Minimum value (field 6).</summary>
    public byte[]? MinValue { get; set; }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        if (Max is not null)
        {
            writer.WriteBinaryField(1, Max);
        }

        if (Min is not null)
        {
            writer.WriteBinaryField(2, Min);
        }

        if (NullCount is { } nullCount)
        {
            writer.WriteI64Field(3, nullCount);
        }

        if (DistinctCount is { } distinct)
        {
            writer.WriteI64Field(4, distinct);
        }

        if (MaxValue is not null)
        {
            writer.WriteBinaryField(5, MaxValue);
        }

        if (MinValue is not null)
        {
            writer.WriteBinaryField(6, MinValue);
        }

        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields.</summary>
    public static Statistics Read(ref ThriftCompactReader reader)
    {
        var result = new Statistics();
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            switch (id)
            {
                case 1 when type == ThriftType.Binary:
                    result.Max = reader.ReadBinary().ToArray();
                    break;
                case 2 when type == ThriftType.Binary:
                    result.Min = reader.ReadBinary().ToArray();
                    break;
                case 3 when type == ThriftType.I64:
                    result.NullCount = reader.ReadI64();
                    break;
                case 4 when type == ThriftType.I64:
                    result.DistinctCount = reader.ReadI64();
                    break;
                case 5 when type == ThriftType.Binary:
                    result.MaxValue = reader.ReadBinary().ToArray();
                    break;
                case 6 when type == ThriftType.Binary:
                    result.MinValue = reader.ReadBinary().ToArray();
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
