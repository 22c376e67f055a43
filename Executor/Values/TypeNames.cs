using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Values;

/// <summary>PostgreSQL's names for our types, as they appear in error messages and as output column names of casts.</summary>
public static class TypeNames
{
    /// <summary>The SQL name used in messages, e.g. "integer", "timestamp with time zone".</summary>
    public static string SqlName(DataType type) => type switch
    {
        DataType.Null => "unknown",
        DataType.Boolean => "boolean",
        DataType.Int16 => "smallint",
        DataType.Int32 => "integer",
        DataType.Int64 => "bigint",
        DataType.UInt64 => "numeric",
        DataType.Float32 => "real",
        DataType.Float64 => "double precision",
        DataType.Utf8 => "text",
        DataType.Timestamp => "timestamp with time zone",
        DataType.Date => "date",
        DataType.Interval => "interval",
        DataType.TimestampNoTz => "timestamp without time zone",
        DataType.Numeric => "numeric",
        DataType.List => "anyarray",
        DataType.Struct => "record",
        DataType.Binary => "bytea",
        _ => type.ToString(),
    };

    /// <summary>The SQL name of an array of <paramref name="element"/> in messages, e.g. "integer[]".</summary>
    public static string SqlName(DataType type, DataType element) => type == DataType.List ? SqlName(element) + "[]" : SqlName(type);

    /// <summary>The internal name of an array of <paramref name="element"/>, as the output column name of a cast: "_int4".</summary>
    public static string InternalName(DataType type, DataType element) => type == DataType.List ? "_" + InternalName(element) : InternalName(type);

    /// <summary>The internal type name PostgreSQL uses as the output column name of a cast, e.g. "int4", "timestamptz".</summary>
    public static string InternalName(DataType type) => type switch
    {
        DataType.Boolean => "bool",
        DataType.Int16 => "int2",
        DataType.Int32 => "int4",
        DataType.Int64 => "int8",
        DataType.UInt64 or DataType.Numeric => "numeric",
        DataType.Float32 => "float4",
        DataType.Float64 => "float8",
        DataType.Utf8 => "text",
        DataType.Timestamp => "timestamptz",
        DataType.Date => "date",
        DataType.Interval => "interval",
        DataType.TimestampNoTz => "timestamp",
        DataType.Struct => "record",
        DataType.Binary => "bytea",
        _ => "unknown",
    };

    /// <summary>Whether values of <paramref name="type"/> are numbers (arithmetic applies).</summary>
    public static bool IsNumeric(DataType type) => type is DataType.Int16 or DataType.Int32 or DataType.Int64
        or DataType.UInt64 or DataType.Numeric or DataType.Float32 or DataType.Float64;

    /// <summary>Whether <paramref name="type"/> is an integer type.</summary>
    public static bool IsInteger(DataType type) => type is DataType.Int16 or DataType.Int32 or DataType.Int64;

    /// <summary>
    /// Rank in PostgreSQL's implicit numeric promotion (smallint &lt; integer &lt; bigint &lt; numeric &lt;
    /// real &lt; double precision); -1 when not numeric. UInt64 is numeric to SQL.
    /// </summary>
    public static int NumericRank(DataType type) => type switch
    {
        DataType.Int16 => 0,
        DataType.Int32 => 1,
        DataType.Int64 => 2,
        DataType.UInt64 or DataType.Numeric => 3,
        DataType.Float32 => 4,
        DataType.Float64 => 5,
        _ => -1,
    };

    /// <summary>The type with numeric rank <paramref name="rank"/>.</summary>
    public static DataType FromNumericRank(int rank) => rank switch
    {
        0 => DataType.Int16,
        1 => DataType.Int32,
        2 => DataType.Int64,
        3 => DataType.Numeric,
        4 => DataType.Float32,
        _ => DataType.Float64,
    };
}
