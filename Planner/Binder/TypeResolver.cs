using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>Maps SQL type names to our types and implements PostgreSQL's implicit conversions.</summary>
internal static class TypeResolver
{
    /// <summary>The type named by <paramref name="name"/> and the name PostgreSQL gives a cast to it as an output column.</summary>
    public static (DataType Type, string ColumnName) Resolve(TypeName name) => name.Name switch
    {
        "boolean" or "bool" => (DataType.Boolean, "bool"),
        "smallint" or "int2" => (DataType.Int16, "int2"),
        "integer" or "int" or "int4" => (DataType.Int32, "int4"),
        "bigint" or "int8" => (DataType.Int64, "int8"),
        "real" or "float4" => (DataType.Float32, "float4"),
        "double precision" or "float8" or "float" => (DataType.Float64, "float8"),
        "numeric" or "decimal" => (DataType.Numeric, "numeric"),
        "text" => (DataType.Utf8, "text"),

        // STRING is DataFusion's (InfluxDB 3's) name for UTF-8 text: its documented queries cast with ::STRING.
        "string" => (DataType.Utf8, "text"),
        "varchar" or "character varying" or "char varying" => (DataType.Utf8, "varchar"),
        "timestamptz" or "timestamp with time zone" => (DataType.Timestamp, "timestamptz"),
        "timestamp" or "timestamp without time zone" => (DataType.TimestampNoTz, "timestamp"),
        "date" => (DataType.Date, "date"),
        "interval" => (DataType.Interval, "interval"),
        "bytea" => (DataType.Binary, "bytea"),
        "character" or "char" or "bpchar" or "time" or "timetz" or "time with time zone" or "time without time zone" or "json" or "jsonb"
            or "uuid" or "name" or "oid" or "regclass" or "regtype" or "money" or "inet" or "cidr" or "xml" or "record"
            => throw SqlException.NotSupported($"type {name.Name}", name.Position + 1),
        _ => throw new SqlException(SqlState.UndefinedObject, $"type \"{name.Name}\" does not exist", name.Position + 1),
    };

    /// <summary>Whether PostgreSQL converts <paramref name="from"/> to <paramref name="to"/> implicitly (in operators and function calls).</summary>
    public static bool IsImplicit(DataType from, DataType to)
    {
        if (from == to || from == DataType.Null)
        {
            return true;
        }

        int rf = TypeNames.NumericRank(from);
        int rt = TypeNames.NumericRank(to);
        if (rf >= 0 && rt >= 0)
        {
            return rf <= rt;
        }

        return (from == DataType.Date && to is DataType.Timestamp or DataType.TimestampNoTz)
            || (from == DataType.TimestampNoTz && to == DataType.Timestamp);
    }

    /// <summary>The type both operands of a comparison or arithmetic convert to, or null when none does.</summary>
    public static DataType? Common(DataType a, DataType b)
    {
        if (a == b)
        {
            return a == DataType.UInt64 ? DataType.Numeric : a;
        }

        if (IsImplicit(a, b))
        {
            return b == DataType.UInt64 ? DataType.Numeric : b;
        }

        if (IsImplicit(b, a))
        {
            return a == DataType.UInt64 ? DataType.Numeric : a;
        }

        return null;
    }
}
