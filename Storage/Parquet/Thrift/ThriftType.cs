namespace IOx.Pg.Storage.Parquet.Thrift;

/// <summary>
/// Type codes of the Thrift compact protocol, as they appear in the low nibble of a field header
/// and in list headers. A boolean field carries its value in the code (1 = true, 2 = false).
/// </summary>
public enum ThriftType : byte
{
    /// <summary>End of a struct's fields.</summary>
    Stop = 0,
    /// <summary>Boolean true (in a field header); the boolean element type in a list.</summary>
    BooleanTrue = 1,
    /// <summary>Boolean false (in a field header).</summary>
    BooleanFalse = 2,
    /// <summary>One raw byte.</summary>
    Byte = 3,
    /// <summary>Zigzag varint.</summary>
    I16 = 4,
    /// <summary>Zigzag varint.</summary>
    I32 = 5,
    /// <summary>Zigzag varint.</summary>
    I64 = 6,
    /// <summary>Eight bytes, little-endian IEEE 754.</summary>
    Double = 7,
    /// <summary>Varint length, then bytes (also strings).</summary>
    Binary = 8,
    /// <summary>List header, then elements.</summary>
    List = 9,
    /// <summary>Encoded like a list.</summary>
    Set = 10,
    /// <summary>Varint size, key/value type byte when non-empty, then entries.</summary>
    Map = 11,
    /// <summary>Fields, then Stop.</summary>
    Struct = 12,
}
