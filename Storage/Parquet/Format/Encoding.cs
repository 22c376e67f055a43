namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>Encoding</c>.</summary>
public enum Encoding
{
    /// <summary>Values back to back.</summary>
    Plain = 0,
    /// <summary>Legacy name of the dictionary encoding (dictionary page / data pages).</summary>
    PlainDictionary = 2,
    /// <summary>RLE/bit-packed hybrid (levels, booleans).</summary>
    Rle = 3,
    /// <summary>Deprecated pure bit-packing of levels.</summary>
    BitPacked = 4,
    /// <summary>Delta encoding of integers in bit-packed miniblocks.</summary>
    DeltaBinaryPacked = 5,
    /// <summary>Delta-encoded lengths, then the bytes.</summary>
    DeltaLengthByteArray = 6,
    /// <summary>Incremental (prefix) encoding of byte arrays.</summary>
    DeltaByteArray = 7,
    /// <summary>Dictionary indices as RLE/bit-packed hybrid.</summary>
    RleDictionary = 8,
    /// <summary>Bytes of each value split into streams.</summary>
    ByteStreamSplit = 9,
}
