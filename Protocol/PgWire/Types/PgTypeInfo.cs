using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>Maps IOx.Pg value types to what RowDescription says about them: type OID and pg_type.typlen.</summary>
public static class PgTypeInfo
{
    /// <summary>
    /// The OID a column of <paramref name="type"/> is described with. UInt64 is numeric (SQL has
    /// no unsigned 64-bit type); the untyped Null is text, as PostgreSQL resolves an unknown
    /// literal in a result.
    /// </summary>
    public static int OidOf(DataType type) => type switch
    {
        DataType.Boolean => PgTypeOid.Bool,
        DataType.Int16 => PgTypeOid.Int2,
        DataType.Int32 => PgTypeOid.Int4,
        DataType.Int64 => PgTypeOid.Int8,
        DataType.UInt64 => PgTypeOid.Numeric,
        DataType.Float32 => PgTypeOid.Float4,
        DataType.Float64 => PgTypeOid.Float8,
        DataType.Utf8 => PgTypeOid.Text,
        DataType.Timestamp => PgTypeOid.Timestamptz,
        DataType.Date => PgTypeOid.Date,
        DataType.Interval => PgTypeOid.Interval,
        DataType.TimestampNoTz => PgTypeOid.Timestamp,
        DataType.Numeric => PgTypeOid.Numeric,

        // Without its element type a list is described as text[]; result columns carry the real array OID as an override.
        DataType.List => PgTypeOid.TextArray,

        // An anonymous record: RowDescription says "record" and each value carries its fields' OIDs.
        DataType.Struct => PgTypeOid.Record,
        DataType.Binary => PgTypeOid.Bytea,
        _ => PgTypeOid.Text,
    };

    /// <summary>The OID of the array type whose elements are <paramref name="element"/> described as <paramref name="elementOid"/> (0: the element type's own).</summary>
    public static int ArrayOidOf(DataType element, int elementOid = 0) => (elementOid != 0 ? elementOid : OidOf(element)) switch
    {
        PgTypeOid.Bool => PgTypeOid.BoolArray,
        PgTypeOid.Char => PgTypeOid.CharArray,
        PgTypeOid.Name => PgTypeOid.NameArray,
        PgTypeOid.Int2 => PgTypeOid.Int2Array,
        PgTypeOid.Int4 => PgTypeOid.Int4Array,
        PgTypeOid.Int8 => PgTypeOid.Int8Array,
        PgTypeOid.Float4 => PgTypeOid.Float4Array,
        PgTypeOid.Float8 => PgTypeOid.Float8Array,
        PgTypeOid.Varchar => PgTypeOid.VarcharArray,
        PgTypeOid.Oid => PgTypeOid.OidArray,
        PgTypeOid.Regtype => PgTypeOid.RegtypeArray,
        PgTypeOid.Timestamp => PgTypeOid.TimestampArray,
        PgTypeOid.Timestamptz => PgTypeOid.TimestamptzArray,
        PgTypeOid.Date => PgTypeOid.DateArray,
        PgTypeOid.Interval => PgTypeOid.IntervalArray,
        PgTypeOid.Numeric => PgTypeOid.NumericArray,
        _ => PgTypeOid.TextArray,
    };

    /// <summary>The element OID of array type <paramref name="arrayOid"/> (int2vector and oidvector included), or 0 when it is not an array type.</summary>
    public static int ElementOidOf(int arrayOid) => arrayOid switch
    {
        PgTypeOid.BoolArray => PgTypeOid.Bool,
        PgTypeOid.CharArray => PgTypeOid.Char,
        PgTypeOid.NameArray => PgTypeOid.Name,
        PgTypeOid.Int2Array or PgTypeOid.Int2Vector => PgTypeOid.Int2,
        PgTypeOid.Int4Array => PgTypeOid.Int4,
        PgTypeOid.Int8Array => PgTypeOid.Int8,
        PgTypeOid.Float4Array => PgTypeOid.Float4,
        PgTypeOid.Float8Array => PgTypeOid.Float8,
        PgTypeOid.TextArray or PgTypeOid.AclItemArray => PgTypeOid.Text,
        PgTypeOid.VarcharArray => PgTypeOid.Varchar,
        PgTypeOid.OidArray or PgTypeOid.OidVector => PgTypeOid.Oid,
        PgTypeOid.RegtypeArray => PgTypeOid.Regtype,
        PgTypeOid.TimestampArray => PgTypeOid.Timestamp,
        PgTypeOid.TimestamptzArray => PgTypeOid.Timestamptz,
        PgTypeOid.DateArray => PgTypeOid.Date,
        PgTypeOid.IntervalArray => PgTypeOid.Interval,
        PgTypeOid.NumericArray => PgTypeOid.Numeric,
        _ => 0,
    };

    /// <summary>The OID to describe a column with: <paramref name="overrideOid"/> when non-zero, else the type's own.</summary>
    public static int OidOf(DataType type, int overrideOid) => overrideOid != 0 ? overrideOid : OidOf(type);

    /// <summary>As <see cref="OidOf(DataType, int)"/>, an array described by its element type: int4[] is 1007.</summary>
    public static int OidOf(DataType type, int overrideOid, DataType elementType) =>
        overrideOid != 0 ? overrideOid : type == DataType.List ? ArrayOidOf(elementType) : OidOf(type);

    /// <summary>pg_type.typlen of <paramref name="oid"/>: the fixed size in bytes, -1 for variable length, -2 for C strings.</summary>
    public static short SizeOf(int oid) => oid switch
    {
        PgTypeOid.Bool or PgTypeOid.Char => 1,
        PgTypeOid.Int2 => 2,
        PgTypeOid.Int4 or PgTypeOid.Float4 or PgTypeOid.Date or PgTypeOid.Oid or PgTypeOid.Regproc
            or PgTypeOid.Regclass or PgTypeOid.Regtype or PgTypeOid.Xid => 4,
        PgTypeOid.Int8 or PgTypeOid.Float8 or PgTypeOid.Timestamp or PgTypeOid.Timestamptz => 8,
        PgTypeOid.Interval => 16,
        PgTypeOid.Name => 64,
        PgTypeOid.Unknown => -2,
        _ => -1,
    };

    /// <summary>
    /// Whether a declared parameter OID is an array type IOx.Pg binds (int2[], int4[], int8[], oid[],
    /// text[], name[], varchar[], float4[], float8[], bool[], numeric[], date/time and interval
    /// arrays): the parameter is a List of <paramref name="element"/>, sent with element OID
    /// <paramref name="elementOid"/>. int2vector / oidvector (0-based) are not bind types here.
    /// </summary>
    public static bool TryArrayTypeOf(int oid, out DataType element, out int elementOid)
    {
        element = DataType.Null;
        elementOid = oid is PgTypeOid.Int2Vector or PgTypeOid.OidVector or PgTypeOid.AclItemArray ? 0 : ElementOidOf(oid);
        if (elementOid == 0 || !TryTypeOf(elementOid, out DataType? type) || type is null)
        {
            elementOid = 0;
            return false;
        }

        element = type.Value;
        return true;
    }

    /// <summary>
    /// The value type a declared parameter OID binds as: false for an OID IOx.Pg has no type for.
    /// <paramref name="type"/> is null for 0 (unspecified) and unknown (705): the engine infers those.
    /// </summary>
    public static bool TryTypeOf(int oid, out DataType? type)
    {
        type = oid switch
        {
            PgTypeOid.Unspecified or PgTypeOid.Unknown => null,
            PgTypeOid.Bool => DataType.Boolean,
            PgTypeOid.Int2 => DataType.Int16,
            PgTypeOid.Int4 => DataType.Int32,
            PgTypeOid.Int8 => DataType.Int64,
            PgTypeOid.Float4 => DataType.Float32,
            PgTypeOid.Float8 => DataType.Float64,
            PgTypeOid.Text or PgTypeOid.Varchar or PgTypeOid.Bpchar or PgTypeOid.Name => DataType.Utf8,

            // "char" is held as text in charout's form (CharText).
            PgTypeOid.Char => DataType.Utf8,

            // json is held as its text; jsonb as jsonb_out's text of it.
            PgTypeOid.Json or PgTypeOid.Jsonb => DataType.Utf8,
            PgTypeOid.Date => DataType.Date,
            PgTypeOid.Timestamp => DataType.TimestampNoTz,
            PgTypeOid.Timestamptz => DataType.Timestamp,
            PgTypeOid.Interval => DataType.Interval,
            PgTypeOid.Numeric => DataType.Numeric,
            PgTypeOid.Bytea => DataType.Binary,

            // oid and its aliases are unsigned 32-bit: int64 holds every value (pg_catalog's oid columns are int64).
            PgTypeOid.Oid or PgTypeOid.Regclass or PgTypeOid.Regtype or PgTypeOid.Regproc => DataType.Int64,
            _ => DataType.Null,
        };
        if (type == DataType.Null)
        {
            type = null;
            return false;
        }

        return true;
    }
}
