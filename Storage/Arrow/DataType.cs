namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// The logical type of a column, independent of its physical layout (a <see cref="DataType.Utf8"/>
/// column may be plain or dictionary-encoded). Values map to Arrow types: Timestamp is Arrow
/// timestamp(ns, "UTC"), Date is date32 (days since 1970-01-01), Interval is month-day-nano.
/// New types are appended at the end so persisted codes stay stable.
/// </summary>
public enum DataType : byte
{
    /// <summary>The type of an untyped NULL literal; a column of it holds only nulls.</summary>
    Null = 0,
    Boolean = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    /// <summary>Line protocol's unsigned field; SQL sees it as numeric.</summary>
    UInt64 = 5,
    Float32 = 6,
    Float64 = 7,
    /// <summary>UTF-8 text.</summary>
    Utf8 = 8,
    /// <summary>Nanoseconds since the Unix epoch, UTC (SQL timestamptz).</summary>
    Timestamp = 9,
    /// <summary>Days since 1970-01-01 (SQL date).</summary>
    Date = 10,
    /// <summary>Months, days and nanoseconds (SQL interval); see <see cref="Interval"/>.</summary>
    Interval = 11,
    /// <summary>Nanoseconds since the Unix epoch without time zone (SQL timestamp).</summary>
    TimestampNoTz = 12,
    /// <summary>SQL numeric, held as System.Decimal (28-29 significant digits) with its scale; wider values are an error (22003).</summary>
    Numeric = 13,
    /// <summary>
    /// A one-dimensional SQL array (Arrow list): see <see cref="ListColumn"/>. The element type is
    /// not part of this code; it travels beside it (<see cref="Field.ElementType"/>, the column's child).
    /// </summary>
    List = 14,

    /// <summary>
    /// A composite value (Arrow struct, SQL anonymous record): see <see cref="StructColumn"/>. The field
    /// names and types travel beside this code (<see cref="Field.Children"/>, the column's children).
    /// </summary>
    Struct = 15,

    /// <summary>
    /// SQL bytea: raw bytes in the <see cref="StringColumn"/> layout (offsets + data), never read as
    /// UTF-8; compared bytewise, as PostgreSQL's byteacmp does.
    /// </summary>
    Binary = 16,
}

/// <summary>What a table column is in the line-protocol data model.</summary>
public enum ColumnRole : byte
{
    /// <summary>Not a table column (a computed value in a query result).</summary>
    None = 0,
    /// <summary>A tag: text, dictionary-encoded, part of the series identity.</summary>
    Tag = 1,
    /// <summary>A field: a measured value.</summary>
    Field = 2,
    /// <summary>The time column.</summary>
    Time = 3,
}
