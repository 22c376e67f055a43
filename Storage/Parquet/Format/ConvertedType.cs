namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>ConvertedType</c>: the legacy annotation older readers still rely on.</summary>
public enum ConvertedType
{
    /// <summary>UTF-8 text.</summary>
    Utf8 = 0,
    /// <summary>Map.</summary>
    Map = 1,
    /// <summary>Map key/value.</summary>
    MapKeyValue = 2,
    /// <summary>List.</summary>
    List = 3,
    /// <summary>Enum (text).</summary>
    Enum = 4,
    /// <summary>Decimal.</summary>
    Decimal = 5,
    /// <summary>Days since epoch.</summary>
    Date = 6,
    /// <summary>Time of day, ms.</summary>
    TimeMillis = 7,
    /// <summary>Time of day, µs.</summary>
    TimeMicros = 8,
    /// <summary>Timestamp, ms, UTC.</summary>
    TimestampMillis = 9,
    /// <summary>Timestamp, µs, UTC.</summary>
    TimestampMicros = 10,
    /// <summary>Unsigned 8-bit.</summary>
    UInt8 = 11,
    /// <summary>Unsigned 16-bit.</summary>
    UInt16 = 12,
    /// <summary>Unsigned 32-bit.</summary>
    UInt32 = 13,
    /// <summary>Unsigned 64-bit.</summary>
    UInt64 = 14,
    /// <summary>Signed 8-bit.</summary>
    Int8 = 15,
    /// <summary>Signed 16-bit.</summary>
    Int16 = 16,
    /// <summary>Signed 32-bit.</summary>
    Int32 = 17,
    /// <summary>Signed 64-bit.</summary>
    Int64 = 18,
    /// <summary>JSON text.</summary>
    Json = 19,
    /// <summary>BSON.</summary>
    Bson = 20,
    /// <summary>Interval.</summary>
    Interval = 21,
}
