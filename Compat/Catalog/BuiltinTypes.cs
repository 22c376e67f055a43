namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// pg_type's rows for the built-in types IOx.Pg has: the value types (bool, int2/4/8, float4/8,
/// numeric, text, varchar, date, timestamp, timestamptz, interval), the types catalog columns
/// are sent as (name, "char", oid, regproc, regclass, regtype) and the pseudo-types drivers look
/// for (unknown, record, void). Every value is PostgreSQL 15's own (oid, typlen, category,
/// alignment, storage, collation, I/O functions), so drivers map them as they map PostgreSQL's.
/// Array types are not listed (IOx.Pg has no arrays), so typarray is 0.
/// </summary>
internal static class BuiltinTypes
{
    /// <summary>The rows, by OID.</summary>
    public static readonly IReadOnlyList<BuiltinType> All =
    [
        new(16, "bool", 1, true, 'b', 'B', true, 'c', 'p', 0, 0, 1242, 1243, 2436, 2437, 0, 0, "boolean"),
        new(18, "char", 1, true, 'b', 'Z', false, 'c', 'p', 0, 0, 1245, 33, 2434, 2435, 0, 0, "\"char\""),
        new(19, "name", 64, false, 'b', 'S', false, 'c', 'p', 950, 18, 34, 35, 2422, 2423, 0, 0, "name"),
        new(20, "int8", 8, true, 'b', 'N', false, 'd', 'p', 0, 0, 460, 461, 2408, 2409, 0, 0, "bigint"),
        new(21, "int2", 2, true, 'b', 'N', false, 's', 'p', 0, 0, 38, 39, 2404, 2405, 0, 0, "smallint"),
        new(23, "int4", 4, true, 'b', 'N', false, 'i', 'p', 0, 0, 42, 43, 2406, 2407, 0, 0, "integer"),
        new(24, "regproc", 4, true, 'b', 'N', false, 'i', 'p', 0, 0, 44, 45, 2444, 2445, 0, 0, "regproc"),
        new(25, "text", -1, false, 'b', 'S', true, 'i', 'x', 100, 0, 46, 47, 2414, 2415, 0, 0, "text"),
        new(26, "oid", 4, true, 'b', 'N', true, 'i', 'p', 0, 0, 1798, 1799, 2418, 2419, 0, 0, "oid"),
        new(700, "float4", 4, true, 'b', 'N', false, 'i', 'p', 0, 0, 200, 201, 2424, 2425, 0, 0, "real"),
        new(701, "float8", 8, true, 'b', 'N', true, 'd', 'p', 0, 0, 214, 215, 2426, 2427, 0, 0, "double precision"),
        new(705, "unknown", -2, false, 'p', 'X', false, 'c', 'p', 0, 0, 109, 110, 2416, 2417, 0, 0, "unknown"),
        new(1043, "varchar", -1, false, 'b', 'S', false, 'i', 'x', 100, 0, 1046, 1047, 2432, 2433, 2915, 2916, "character varying"),
        new(1082, "date", 4, true, 'b', 'D', false, 'i', 'p', 0, 0, 1084, 1085, 2468, 2469, 0, 0, "date"),
        new(1114, "timestamp", 8, true, 'b', 'D', false, 'd', 'p', 0, 0, 1312, 1313, 2474, 2475, 2905, 2906, "timestamp without time zone"),
        new(1184, "timestamptz", 8, true, 'b', 'D', true, 'd', 'p', 0, 0, 1150, 1151, 2476, 2477, 2907, 2908, "timestamp with time zone"),
        new(1186, "interval", 16, false, 'b', 'T', true, 'd', 'p', 0, 0, 1160, 1161, 2478, 2479, 2903, 2904, "interval"),
        new(1700, "numeric", -1, false, 'b', 'N', false, 'i', 'm', 0, 0, 1701, 1702, 2460, 2461, 2917, 2918, "numeric"),
        new(2205, "regclass", 4, true, 'b', 'N', false, 'i', 'p', 0, 0, 2218, 2219, 2452, 2453, 0, 0, "regclass"),
        new(2206, "regtype", 4, true, 'b', 'N', false, 'i', 'p', 0, 0, 2220, 2221, 2454, 2455, 0, 0, "regtype"),
        new(2249, "record", -1, false, 'p', 'P', false, 'd', 'x', 0, 0, 2290, 2291, 2402, 2403, 0, 0, "record"),
        new(2278, "void", 4, true, 'p', 'P', false, 'i', 'p', 0, 0, 2298, 2299, 3120, 3121, 0, 0, "void"),
    ];

    /// <summary>The type with OID <paramref name="oid"/>, or null.</summary>
    public static BuiltinType? Find(long oid)
    {
        foreach (BuiltinType type in All)
        {
            if (type.Oid == oid)
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>The type whose typname or SQL name (format_type's, e.g. "double precision") is <paramref name="name"/>, or null.</summary>
    public static BuiltinType? FindByName(string name)
    {
        foreach (BuiltinType type in All)
        {
            if (type.Name == name || type.SqlName == name)
            {
                return type;
            }
        }

        return name switch
        {
            "int" => Find(23),
            "float" => Find(701),
            "decimal" => Find(1700),
            "character varying" or "varchar" => Find(1043),
            "timestamp" => Find(1114),
            _ => null,
        };
    }
}

/// <summary>One built-in type's pg_type facts (PostgreSQL 15's values) and the name format_type gives it.</summary>
internal sealed record BuiltinType(
    long Oid, string Name, short Length, bool ByValue, char TypeKind, char Category, bool Preferred, char Align, char Storage,
    long Collation, long Element, long Input, long Output, long Receive, long Send, long ModIn, long ModOut, string SqlName);
