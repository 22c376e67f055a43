namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>CompressionCodec</c>.</summary>
public enum CompressionCodec
{
    /// <summary>No compression.</summary>
    Uncompressed = 0,
    /// <summary>Snappy raw block format.</summary>
    Snappy = 1,
    /// <summary>gzip (RFC 1952).</summary>
    Gzip = 2,
    /// <summary>LZO.</summary>
    Lzo = 3,
    /// <summary>Brotli.</summary>
    Brotli = 4,
    /// <summary>Deprecated Hadoop-framed LZ4.</summary>
    Lz4 = 5,
    /// <summary>Zstandard.</summary>
    Zstd = 6,
    /// <summary>LZ4 block format.</summary>
    Lz4Raw = 7,
}
