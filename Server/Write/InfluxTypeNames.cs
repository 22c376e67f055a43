using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Server.Write;

/// <summary>The storage type of line-protocol values, and the type names InfluxDB uses in its messages.</summary>
internal static class InfluxTypeNames
{
    /// <summary>The column type a field value of <paramref name="type"/> is stored as.</summary>
    public static DataType ToDataType(LineFieldType type) => type switch
    {
        LineFieldType.Float => DataType.Float64,
        LineFieldType.Integer => DataType.Int64,
        LineFieldType.UInteger => DataType.UInt64,
        LineFieldType.Boolean => DataType.Boolean,
        _ => DataType.Utf8,
    };

    /// <summary>InfluxDB's name for a field column type.</summary>
    public static string FieldTypeName(DataType type) => type switch
    {
        DataType.Float64 => "float",
        DataType.Int64 => "integer",
        DataType.UInt64 => "unsigned",
        DataType.Boolean => "boolean",
        DataType.Utf8 => "string",
        _ => type.ToString(),
    };

    /// <summary>A column's kind for a message: <c>tag</c>, or <c>field of type x</c>.</summary>
    public static string Describe(ColumnRole role, DataType type) =>
        role == ColumnRole.Tag ? "tag" : "field of type " + FieldTypeName(type);
}
