using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>
/// parquet.thrift <c>SchemaElement</c>: one node of the depth-first flattened schema tree. The
/// root has <see cref="NumChildren"/> and no type; a leaf (column) has a <see cref="Type"/>.
/// </summary>
public sealed class SchemaElement
{
    /// <summary>Physical type (leaves only).</summary>
    public PhysicalType? Type { get; set; }

    /// <summary>Byte length for FIXED_LEN_BYTE_ARRAY.</summary>
    public int? TypeLength { get; set; }

    /// <summary>Repetition (absent on the root).</summary>
    public FieldRepetitionType? RepetitionType { get; set; }

    /// <summary>Name (required).</summary>
    public string Name { get; set; } = "";

    /// <summary>Number of children (groups only).</summary>
    public int? NumChildren { get; set; }

    /// <summary>Legacy annotation.</summary>
    public ConvertedType? ConvertedType { get; set; }

    /// <summary>Decimal scale (legacy).</summary>
    public int? Scale { get; set; }

    /// <summary>Decimal precision (legacy).</summary>
    public int? Precision { get; set; }

    /// <summary>Field id.</summary>
    public int? FieldId { get; set; }

    /// <summary>Logical type annotation.</summary>
    public LogicalType? LogicalType { get; set; }

    /// <summary>Writes the struct.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        if (Type is { } type)
        {
            writer.WriteI32Field(1, (int)type);
        }

        if (TypeLength is { } typeLength)
        {
            writer.WriteI32Field(2, typeLength);
        }

        if (RepetitionType is { } repetition)
        {
            writer.WriteI32Field(3, (int)repetition);
        }

        writer.WriteStringField(4, Name);
        if (NumChildren is { } children)
        {
            writer.WriteI32Field(5, children);
        }

        if (ConvertedType is { } converted)
        {
            writer.WriteI32Field(6, (int)converted);
        }

        if (Scale is { } scale)
        {
            writer.WriteI32Field(7, scale);
        }

        if (Precision is { } precision)
        {
            writer.WriteI32Field(8, precision);
        }

        if (FieldId is { } fieldId)
        {
            writer.WriteI32Field(9, fieldId);
        }

        if (LogicalType is not null)
        {
            writer.WriteFieldHeader(10, ThriftType.Struct);
            LogicalType.Write(writer);
        }

        writer.EndStruct();
    }

    /// <summary>Reads the struct, skipping unknown fields.</summary>
    public static SchemaElement Read(ref ThriftCompactReader reader)
    {
        var result = new SchemaElement();
        bool hasName = false;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out short id, out ThriftType type))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    result.Type = (PhysicalType)reader.ReadI32();
                    break;
                case 2 when type == ThriftType.I32:
                    result.TypeLength = reader.ReadI32();
                    break;
                case 3 when type == ThriftType.I32:
                    result.RepetitionType = (FieldRepetitionType)reader.ReadI32();
                    break;
                case 4 when type == ThriftType.Binary:
                    result.Name = reader.ReadString();
                    hasName = true;
                    break;
                case 5 when type == ThriftType.I32:
                    result.NumChildren = reader.ReadI32();
                    break;
                case 6 when type == ThriftType.I32:
                    result.ConvertedType = (ConvertedType)reader.ReadI32();
                    break;
                case 7 when type == ThriftType.I32:
                    result.Scale = reader.ReadI32();
                    break;
                case 8 when type == ThriftType.I32:
                    result.Precision = reader.ReadI32();
                    break;
                case 9 when type == ThriftType.I32:
                    result.FieldId = reader.ReadI32();
                    break;
                case 10 when type == ThriftType.Struct:
                    result.LogicalType = LogicalType.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        FormatChecks.Required(hasName, "SchemaElement.name");
        return result;
    }
}
