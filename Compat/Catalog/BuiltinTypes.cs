namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// pg_type's rows for the built-in types IOx.Pg has: the value types (bool, int2/4/8, float4/8,
/// numeric, text, varchar, date, timestamp, timestamptz, interval), the types catalog columns
/// are sent as (name, "char", oid, regproc, regclass, regtype) and the pseudo-types drivers look
/// for (unknown, record, void), and the array types of those (_int4, _text, ..., int2vector and
/// oidvector). Every value is PostgreSQL 15's own (oid, typlen, category, alignment, storage,
/// collation, element, array, subscript handler, I/O functions), so drivers map them as they map
/// PostgreSQL's.
/// </summary>
internal static class BuiltinTypes
{
    /// <summary>The rows, by OID.</summary>
    public static readonly IReadOnlyList<BuiltinType> All =
    [
        new(16, "bool", 1, true, 'b', 'B', true, 'c', 'p', 0, 0, 1242, 1243, 2436, 2437, 0, 0, "boolean", 1000, 0),
        new(18, "char", 1, true, 'b', 'Z', false, 'c', 'p', 0, 0, 1245, 33, 2434, 2435, 0, 0, "\"char\"", 1002, 0),
        new(19, "name", 64, false, 'b', 'S', false, 'c', 'p', 950, 18, 34, 35, 2422, 2423, 0, 0, "name", 1003, 6180),
        new(20, "int8", 8, true, 'b', 'N', false, 'd', 'p', 0, 0, 460, 461, 2408, 2409, 0, 0, "bigint", 1016, 0),
        new(21, "int2", 2, true, 'b', 'N', false, 's', 'p', 0, 0, 38, 39, 2404, 2405, 0, 0, "smallint", 1005, 0),
        new(22, "int2vector", -1, false, 'b', 'A', false, 'i', 'p', 0, 21, 40, 41, 2410, 2411, 0, 0, "int2vector", 1006, 6179),
        new(23, "int4", 4, true, 'b', 'N', false, 'i', 'p', 0, 0, 42, 43, 2406, 2407, 0, 0, "integer", 1007, 0),
        new(24, "regproc", 4, true, 'b', 'N', false, 'i', 'p', 0, 0, 44, 45, 2444, 2445, 0, 0, "regproc", 1008, 0),
        new(25, "text", -1, false, 'b', 'S', true, 'i', 'x', 100, 0, 46, 47, 2414, 2415, 0, 0, "text", 1009, 0),
        new(26, "oid", 4, true, 'b', 'N', true, 'i', 'p', 0, 0, 1798, 1799, 2418, 2419, 0, 0, "oid", 1028, 0),
        new(30, "oidvector", -1, false, 'b', 'A', false, 'i', 'p', 0, 26, 54, 55, 2420, 2421, 0, 0, "oidvector", 1013, 6179),
        new(700, "float4", 4, true, 'b', 'N', false, 'i', 'p', 0, 0, 200, 201, 2424, 2425, 0, 0, "real", 1021, 0),
        new(701, "float8", 8, true, 'b', 'N', true, 'd', 'p', 0, 0, 214, 215, 2426, 2427, 0, 0, "double precision", 1022, 0),
        new(705, "unknown", -2, false, 'p', 'X', false, 'c', 'p', 0, 0, 109, 110, 2416, 2417, 0, 0, "unknown", 0, 0),
        new(1000, "_bool", -1, false, 'b', 'A', false, 'i', 'x', 0, 16, 750, 751, 2400, 2401, 0, 0, "boolean[]", 0, 6179),
        new(1002, "_char", -1, false, 'b', 'A', false, 'i', 'x', 0, 18, 750, 751, 2400, 2401, 0, 0, "\"char\"[]", 0, 6179),
        new(1003, "_name", -1, false, 'b', 'A', false, 'i', 'x', 950, 19, 750, 751, 2400, 2401, 0, 0, "name[]", 0, 6179),
        new(1005, "_int2", -1, false, 'b', 'A', false, 'i', 'x', 0, 21, 750, 751, 2400, 2401, 0, 0, "smallint[]", 0, 6179),
        new(1007, "_int4", -1, false, 'b', 'A', false, 'i', 'x', 0, 23, 750, 751, 2400, 2401, 0, 0, "integer[]", 0, 6179),
        new(1009, "_text", -1, false, 'b', 'A', false, 'i', 'x', 100, 25, 750, 751, 2400, 2401, 0, 0, "text[]", 0, 6179),
        new(1015, "_varchar", -1, false, 'b', 'A', false, 'i', 'x', 100, 1043, 750, 751, 2400, 2401, 2915, 2916, "character varying[]", 0, 6179),
        new(1016, "_int8", -1, false, 'b', 'A', false, 'd', 'x', 0, 20, 750, 751, 2400, 2401, 0, 0, "bigint[]", 0, 6179),
        new(1021, "_float4", -1, false, 'b', 'A', false, 'i', 'x', 0, 700, 750, 751, 2400, 2401, 0, 0, "real[]", 0, 6179),
        new(1022, "_float8", -1, false, 'b', 'A', false, 'd', 'x', 0, 701, 750, 751, 2400, 2401, 0, 0, "double precision[]", 0, 6179),
        new(1028, "_oid", -1, false, 'b', 'A', false, 'i', 'x', 0, 26, 750, 751, 2400, 2401, 0, 0, "oid[]", 0, 6179),
        new(1043, "varchar", -1, false, 'b', 'S', false, 'i', 'x', 100, 0, 1046, 1047, 2432, 2433, 2915, 2916, "character varying", 1015, 0),
        new(1082, "date", 4, true, 'b', 'D', false, 'i', 'p', 0, 0, 1084, 1085, 2468, 2469, 0, 0, "date", 1182, 0),
        new(1114, "timestamp", 8, true, 'b', 'D', false, 'd', 'p', 0, 0, 1312, 1313, 2474, 2475, 2905, 2906, "timestamp without time zone", 1115, 0),
        new(1115, "_timestamp", -1, false, 'b', 'A', false, 'd', 'x', 0, 1114, 750, 751, 2400, 2401, 2905, 2906, "timestamp without time zone[]", 0, 6179),
        new(1182, "_date", -1, false, 'b', 'A', false, 'i', 'x', 0, 1082, 750, 751, 2400, 2401, 0, 0, "date[]", 0, 6179),
        new(1184, "timestamptz", 8, true, 'b', 'D', true, 'd', 'p', 0, 0, 1150, 1151, 2476, 2477, 2907, 2908, "timestamp with time zone", 1185, 0),
        new(1185, "_timestamptz", -1, false, 'b', 'A', false, 'd', 'x', 0, 1184, 750, 751, 2400, 2401, 2907, 2908, "timestamp with time zone[]", 0, 6179),
        new(1186, "interval", 16, false, 'b', 'T', true, 'd', 'p', 0, 0, 1160, 1161, 2478, 2479, 2903, 2904, "interval", 1187, 0),
        new(1187, "_interval", -1, false, 'b', 'A', false, 'd', 'x', 0, 1186, 750, 751, 2400, 2401, 2903, 2904, "interval[]", 0, 6179),
        new(1231, "_numeric", -1, false, 'b', 'A', false, 'i', 'x', 0, 1700, 750, 751, 2400, 2401, 2917, 2918, "numeric[]", 0, 6179),
        new(1700, "numeric", -1, false, 'b', 'N', false, 'i', 'm', 0, 0, 1701, 1702, 2460, 2461, 2917, 2918, "numeric", 1231, 0),
        new(2205, "regclass", 4, true, 'b', 'N', false, 'i', 'p', 0, 0, 2218, 2219, 2452, 2453, 0, 0, "regclass", 2210, 0),
        new(2206, "regtype", 4, true, 'b', 'N', false, 'i', 'p', 0, 0, 2220, 2221, 2454, 2455, 0, 0, "regtype", 2211, 0),
        new(2210, "_regclass", -1, false, 'b', 'A', false, 'i', 'x', 0, 2205, 750, 751, 2400, 2401, 0, 0, "regclass[]", 0, 6179),
        new(2211, "_regtype", -1, false, 'b', 'A', false, 'i', 'x', 0, 2206, 750, 751, 2400, 2401, 0, 0, "regtype[]", 0, 6179),
        new(2249, "record", -1, false, 'p', 'P', false, 'd', 'x', 0, 0, 2290, 2291, 2402, 2403, 0, 0, "record", 2287, 0),
        new(2278, "void", 4, true, 'p', 'P', false, 'i', 'p', 0, 0, 2298, 2299, 3120, 3121, 0, 0, "void", 0, 0),
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
    long Collation, long Element, long Input, long Output, long Receive, long Send, long ModIn, long ModOut, string SqlName,
    long Array = 0, long Subscript = 0);
