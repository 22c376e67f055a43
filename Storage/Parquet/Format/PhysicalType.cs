namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>Type</c>: how values are laid out on disk.</summary>
public enum PhysicalType
{
    /// <summary>Bit-packed booleans.</summary>
    Boolean = 0,
    /// <summary>32-bit little-endian.</summary>
    Int32 = 1,
    /// <summary>64-bit little-endian.</summary>
    Int64 = 2,
    /// <summary>Legacy 96-bit timestamps.</summary>
    Int96 = 3,
    /// <summary>IEEE 754 single.</summary>
    Float = 4,
    /// <summary>IEEE 754 double.</summary>
    Double = 5,
    /// <summary>Length-prefixed bytes.</summary>
    ByteArray = 6,
    /// <summary>Bytes of a length fixed by the schema.</summary>
    FixedLenByteArray = 7,
}
