using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Parquet.Format;

namespace IOx.Pg.Storage.Parquet;

/// <summary>
/// Maps our column types to Parquet schema elements and back. Written: Boolean → BOOLEAN;
/// Int64 → INT64 INT(64, signed); UInt64 → INT64 INT(64, unsigned) (statistics compare unsigned);
/// Float64 → DOUBLE; Utf8 → BYTE_ARRAY STRING; Timestamp → INT64 TIMESTAMP(NANOS, UTC);
/// TimestampNoTz → INT64 TIMESTAMP(NANOS, local); Int32/Int16 → INT32 INT(32/16); Date → INT32
/// DATE; Float32 → FLOAT. Read, additionally: INT(8) and unsigned INT32 widths, TIMESTAMP in
/// MILLIS/MICROS (scaled to nanoseconds), ENUM/JSON text. Anything else is 0A000.
/// </summary>
public static class ParquetTypeMapping
{
    /// <summary>The schema element for a leaf column of <paramref name="field"/>.</summary>
    public static SchemaElement ToSchemaElement(Field field, bool required)
    {
        var element = new SchemaElement
        {
            Name = field.Name,
            RepetitionType = required ? FieldRepetitionType.Required : FieldRepetitionType.Optional,
        };
        switch (field.Type)
        {
            case DataType.Boolean:
                element.Type = PhysicalType.Boolean;
                break;
            case DataType.Int64:
                element.Type = PhysicalType.Int64;
                element.ConvertedType = ConvertedType.Int64;
                element.LogicalType = LogicalType.Integer(64, signed: true);
                break;
            case DataType.UInt64:
                element.Type = PhysicalType.Int64;
                element.ConvertedType = ConvertedType.UInt64;
                element.LogicalType = LogicalType.Integer(64, signed: false);
                break;
            case DataType.Float64:
                element.Type = PhysicalType.Double;
                break;
            case DataType.Utf8:
                element.Type = PhysicalType.ByteArray;
                element.ConvertedType = ConvertedType.Utf8;
                element.LogicalType = LogicalType.String();
                break;
            case DataType.Timestamp:
                // No ConvertedType exists for nanoseconds; readers use the logical type.
                element.Type = PhysicalType.Int64;
                element.LogicalType = LogicalType.Timestamp(TimeUnit.Nanos, utc: true);
                break;
            case DataType.TimestampNoTz:
                element.Type = PhysicalType.Int64;
                element.LogicalType = LogicalType.Timestamp(TimeUnit.Nanos, utc: false);
                break;
            case DataType.Int32:
                element.Type = PhysicalType.Int32;
                element.ConvertedType = ConvertedType.Int32;
                element.LogicalType = LogicalType.Integer(32, signed: true);
                break;
            case DataType.Int16:
                element.Type = PhysicalType.Int32;
                element.ConvertedType = ConvertedType.Int16;
                element.LogicalType = LogicalType.Integer(16, signed: true);
                break;
            case DataType.Date:
                element.Type = PhysicalType.Int32;
                element.ConvertedType = ConvertedType.Date;
                element.LogicalType = new LogicalType { Kind = LogicalTypeKind.Date };
                break;
            case DataType.Float32:
                element.Type = PhysicalType.Float;
                break;
            default:
                throw SqlException.NotSupported($"writing {field.Type} columns to Parquet");
        }

        return element;
    }

    /// <summary>
    /// Our type for a Parquet leaf, and the factor that scales its stored integers to our unit
    /// (1 except for millisecond/microsecond timestamps).
    /// </summary>
    public static DataType ToDataType(SchemaElement element, out long scale)
    {
        scale = 1;
        LogicalType? logical = element.LogicalType;
        ConvertedType? converted = element.ConvertedType;
        if (logical is not null && logical.Kind is not (LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json
            or LogicalTypeKind.Integer or LogicalTypeKind.Timestamp or LogicalTypeKind.Date))
        {
            throw Unsupported(element, $"{element.Type} with logical type {logical.Kind}");
        }

        switch (element.Type)
        {
            case PhysicalType.Boolean:
                return DataType.Boolean;
            case PhysicalType.Float:
                return DataType.Float32;
            case PhysicalType.Double:
                return DataType.Float64;
            case PhysicalType.ByteArray:
                if (logical?.Kind is LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json
                    || converted is ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json)
                {
                    return DataType.Utf8;
                }

                throw Unsupported(element, "BYTE_ARRAY without a STRING annotation (binary)");
            case PhysicalType.Int32:
                if (logical?.Kind == LogicalTypeKind.Date || converted == ConvertedType.Date)
                {
                    return DataType.Date;
                }

                if (logical is { Kind: LogicalTypeKind.Integer } intType)
                {
                    // The narrowest of our signed types that holds every value of the width.
                    return (intType.BitWidth, intType.IsSigned) switch
                    {
                        (8 or 16, true) or (8, false) => DataType.Int16,
                        (32, true) or (16, false) => DataType.Int32,
                        (32, false) => DataType.Int64,
                        _ => throw Unsupported(element, $"INT32 with INT({intType.BitWidth}, {(intType.IsSigned ? "signed" : "unsigned")})"),
                    };
                }

                return converted switch
                {
                    null or ConvertedType.Int32 => DataType.Int32,
                    ConvertedType.Int8 or ConvertedType.Int16 or ConvertedType.UInt8 => DataType.Int16,
                    ConvertedType.UInt16 => DataType.Int32,
                    ConvertedType.UInt32 => DataType.Int64,
                    _ => throw Unsupported(element, $"INT32 with converted type {converted}"),
                };
            case PhysicalType.Int64:
                if (logical is { Kind: LogicalTypeKind.Timestamp } timestamp)
                {
                    scale = UnitScale(timestamp.Unit);
                    return timestamp.IsAdjustedToUtc ? DataType.Timestamp : DataType.TimestampNoTz;
                }

                if (logical is { Kind: LogicalTypeKind.Integer } int64Type)
                {
                    return int64Type.IsSigned ? DataType.Int64 : DataType.UInt64;
                }

                switch (converted)
                {
                    case null or ConvertedType.Int64:
                        return DataType.Int64;
                    case ConvertedType.UInt64:
                        return DataType.UInt64;
                    case ConvertedType.TimestampMillis:
                        scale = 1_000_000;
                        return DataType.Timestamp;
                    case ConvertedType.TimestampMicros:
                        scale = 1_000;
                        return DataType.Timestamp;
                    default:
                        throw Unsupported(element, $"INT64 with converted type {converted}");
                }

            default:
                throw Unsupported(element, $"physical type {element.Type}");
        }
    }

    /// <summary>Nanoseconds per unit.</summary>
    private static long UnitScale(TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => 1_000_000,
        TimeUnit.Micros => 1_000,
        _ => 1,
    };

    /// <summary>The 0A000 error for a column we cannot read.</summary>
    private static SqlException Unsupported(SchemaElement element, string what) =>
        SqlException.NotSupported($"Parquet column \"{element.Name}\" of {what}");
}
