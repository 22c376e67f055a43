using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// A column of a system relation as PostgreSQL 15 declares it: name, declared type (OID and the
/// name format_type prints), and how IOx.Pg holds and sends it. oid-like columns (oid, regproc,
/// xid) hold int64 and are sent as oid (regproc too: its text form would be a function name, and
/// sending the number as oid keeps the text and binary forms consistent); name and "char" hold
/// text sent as name / "char"; arrays (oidvector, int2vector, oid[], text[], aclitem[] ...) are
/// real arrays of <see cref="ElementType"/> sent as their array type; types IOx.Pg has no values
/// for (pg_node_tree) hold their text form and are sent as text.
/// </summary>
internal sealed record CatalogColumn(string Name, int DeclaredOid, string DeclaredName, DataType ValueType, int WireOid, DataType ElementType = DataType.Null)
{
    /// <summary>An array column: rows hold a CLR array of the element's value type (long[], short[], string?[]) or null.</summary>
    public static CatalogColumn ArrayOf(string name, int arrayOid, string declaredName, DataType elementType) =>
        new(name, arrayOid, declaredName, DataType.List, arrayOid, elementType);

    /// <summary>An oid column.</summary>
    public static CatalogColumn Oid(string name) => new(name, PgTypeOid.Oid, "oid", DataType.Int64, PgTypeOid.Oid);

    /// <summary>A regproc column (a function's OID; 0 is none).</summary>
    public static CatalogColumn Regproc(string name) => new(name, PgTypeOid.Regproc, "regproc", DataType.Int64, PgTypeOid.Oid);

    /// <summary>An xid column.</summary>
    public static CatalogColumn Xid(string name) => new(name, PgTypeOid.Xid, "xid", DataType.Int64, PgTypeOid.Xid);

    /// <summary>A name column (an identifier, at most 63 bytes).</summary>
    public static CatalogColumn PgName(string name) => new(name, PgTypeOid.Name, "name", DataType.Utf8, PgTypeOid.Name);

    /// <summary>A "char" column (one byte; empty for the zero byte).</summary>
    public static CatalogColumn Char(string name) => new(name, PgTypeOid.Char, "\"char\"", DataType.Utf8, PgTypeOid.Char);

    /// <summary>A text column.</summary>
    public static CatalogColumn Text(string name) => new(name, PgTypeOid.Text, "text", DataType.Utf8, 0);

    /// <summary>A boolean column.</summary>
    public static CatalogColumn Bool(string name) => new(name, PgTypeOid.Bool, "boolean", DataType.Boolean, 0);

    /// <summary>A smallint column.</summary>
    public static CatalogColumn Int2(string name) => new(name, PgTypeOid.Int2, "smallint", DataType.Int16, 0);

    /// <summary>An integer column.</summary>
    public static CatalogColumn Int4(string name) => new(name, PgTypeOid.Int4, "integer", DataType.Int32, 0);

    /// <summary>A real column.</summary>
    public static CatalogColumn Float4(string name) => new(name, PgTypeOid.Float4, "real", DataType.Float32, 0);

    /// <summary>A timestamp with time zone column.</summary>
    public static CatalogColumn Timestamptz(string name) => new(name, PgTypeOid.Timestamptz, "timestamp with time zone", DataType.Timestamp, 0);

    /// <summary>A column of a type IOx.Pg has no values of, held and sent as its text form.</summary>
    public static CatalogColumn AsText(string name, int declaredOid, string declaredName) => new(name, declaredOid, declaredName, DataType.Utf8, 0);

    /// <summary>information_schema.sql_identifier: a domain over name, sent as name as PostgreSQL does.</summary>
    public static CatalogColumn SqlIdentifier(string name) => new(name, PgTypeOid.Name, "information_schema.sql_identifier", DataType.Utf8, PgTypeOid.Name);

    /// <summary>information_schema.cardinal_number: a domain over integer.</summary>
    public static CatalogColumn CardinalNumber(string name) => new(name, PgTypeOid.Int4, "information_schema.cardinal_number", DataType.Int32, 0);

    /// <summary>information_schema.character_data: a domain over character varying.</summary>
    public static CatalogColumn CharacterData(string name) => new(name, PgTypeOid.Varchar, "information_schema.character_data", DataType.Utf8, PgTypeOid.Varchar);

    /// <summary>information_schema.yes_or_no: a domain over character varying(3).</summary>
    public static CatalogColumn YesOrNo(string name) => new(name, PgTypeOid.Varchar, "information_schema.yes_or_no", DataType.Utf8, PgTypeOid.Varchar);

    /// <summary>information_schema.time_stamp: a domain over timestamp(2) with time zone.</summary>
    public static CatalogColumn TimeStamp(string name) => new(name, PgTypeOid.Timestamptz, "information_schema.time_stamp", DataType.Timestamp, 0);
}
