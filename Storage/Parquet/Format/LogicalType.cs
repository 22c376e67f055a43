using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>
/// parquet.thrift <c>LogicalType</c>: a union; <see cref="Kind"/> says which member is set and the
/// other properties hold that member's parameters (TimestampType, IntType, DecimalType, TimeType).
/// </summary>
public sealed class LogicalType
{
    /// <summary>The union member.</summary>
    public LogicalTypeKind Kind { get; set; }

    /// <summary>TIMESTAMP/TIME: whether values are UTC instants.</summary>
    public bool IsAdjustedToUtc { get; set; }

    /// <summary>TIMESTAMP/TIME: the unit.</summary>
    public TimeUnit Unit { get; set; }

    /// <summary>INTEGER: bit width (8, 16, 32, 64).</summary>
    public int BitWidth { get; set; }

    /// <summary>INTEGER: signedness.</summary>
    public bool IsSigned { get; set; }

    /// <summary>DECIMAL: scale.</summary>
    public int Scale { get; set; }

    /// <summary>DECIMAL: precision.</summary>
    public int Precision { get; set; }

    /// <summary>STRING.</summary>
    public static LogicalType String() => new() { Kind = LogicalTypeKind.String };

    /// <summary>TIMESTAMP with a unit.</summary>
    public static LogicalType Timestamp(TimeUnit unit, bool utc) => new() { Kind = LogicalTypeKind.Timestamp, Unit = unit, IsAdjustedToUtc = utc };

    /// <summary>INTEGER with a width and signedness.</summary>
    public static LogicalType Integer(int bitWidth, bool signed) => new() { Kind = LogicalTypeKind.Integer, BitWidth = bitWidth, IsSigned = signed };

    /// <summary>Writes the union (the caller has written the field header).</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.BeginStructField((short)Kind);
        switch (Kind)
        {
            case LogicalTypeKind.Timestamp:
            case LogicalTypeKind.Time:
                writer.WriteBoolField(1, IsAdjustedToUtc);
                writer.BeginStructField(2);
                writer.BeginStructField((short)Unit);
                writer.EndStruct();
                writer.EndStruct();
                break;
            case LogicalTypeKind.Integer:
                writer.WriteByteField(1, (sbyte)BitWidth);
                writer.WriteBoolField(2, IsSigned);
                break;
            case LogicalTypeKind.Decimal:
                writer.WriteI32Field(1, Scale);
                writer.WriteI32Field(2, Precision);
                break;
            default:
                // The other members are empty structs.
                break;
        }

        writer.EndStruct();
        writer.EndStruct();
    }

    /// <summary>Reads the union; an unmodelled member yields <see cref="LogicalTypeKind.Unknown"/>.</summary>
    public static LogicalType Read(ref ThriftCompactReader reader)
    {
        var result = new LogicalType();
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            if (type != ThriftType.Struct)
            {
                reader.Skip(type);
                continue;
            }

            result.Kind = id switch
            {
                1 or 2 or 3 or 4 or 5 or 6 or 7 or 8 or 10 or 11 or 12 or 13 or 14 or 15 => (LogicalTypeKind)id,
                _ => LogicalTypeKind.Unknown,
            };
            ReadMember(ref reader, result);
        }

        reader.EndStruct(token);
        return result;
    }

    /// <summary>Reads the member struct's parameters into <paramref name="result"/>.</summary>
    private static void ReadMember(ref ThriftCompactReader reader, LogicalType result)
    {
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            switch (result.Kind, id)
            {
                case (LogicalTypeKind.Timestamp or LogicalTypeKind.Time, 1):
                    result.IsAdjustedToUtc = reader.ReadBool(type);
                    break;
                case (LogicalTypeKind.Timestamp or LogicalTypeKind.Time, 2) when type == ThriftType.Struct:
                    result.Unit = ReadTimeUnit(ref reader);
                    break;
                case (LogicalTypeKind.Integer, 1) when type == ThriftType.Byte:
                    result.BitWidth = reader.ReadByte();
                    break;
                case (LogicalTypeKind.Integer, 2):
                    result.IsSigned = reader.ReadBool(type);
                    break;
                case (LogicalTypeKind.Decimal, 1) when type == ThriftType.I32:
                    result.Scale = reader.ReadI32();
                    break;
                case (LogicalTypeKind.Decimal, 2) when type == ThriftType.I32:
                    result.Precision = reader.ReadI32();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
    }

    /// <summary>Reads the TimeUnit union.</summary>
    private static TimeUnit ReadTimeUnit(ref ThriftCompactReader reader)
    {
        TimeUnit unit = 0;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            if (type == ThriftType.Struct && id is >= 1 and <= 3)
            {
                unit = (TimeUnit)id;
            }

            reader.Skip(type);
        }

        reader.EndStruct(token);
        if (unit == 0)
        {
            FormatChecks.Fail("TimeUnit has no known member");
        }

        return unit;
    }
}
