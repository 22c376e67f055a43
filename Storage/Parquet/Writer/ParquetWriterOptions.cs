using IOx.Pg.Storage.Parquet.Format;

namespace IOx.Pg.Storage.Parquet.Writer;

/// <summary>How <see cref="ParquetWriter"/> lays out a file.</summary>
public sealed class ParquetWriterOptions
{
    /// <summary>Codec for every page: UNCOMPRESSED, SNAPPY (default) or GZIP.</summary>
    public CompressionCodec Compression { get; init; } = CompressionCodec.Snappy;

    /// <summary>Rows per row group (the last one may be smaller).</summary>
    public int RowGroupRows { get; init; } = 1 << 20;

    /// <summary>Most rows per data page (the unit a reader decompresses or skips by the page index).</summary>
    public int PageRows { get; init; } = 4 * 1024;

    /// <summary>
    /// A page this full ends early where the tag values change (so pages mostly hold one series and
    /// tag predicates skip pages precisely); 0 cuts pages by row count only. Pages start at the same
    /// rows in every column either way.
    /// </summary>
    public int MinSeriesPageRows { get; init; } = 256;

    /// <summary>Whether string columns may be dictionary-encoded (tags always are when this is on and the dictionary fits).</summary>
    public bool DictionaryEncoding { get; init; } = true;

    /// <summary>Most dictionary entries per column chunk before falling back to PLAIN.</summary>
    public int MaxDictionaryEntries { get; init; } = 1 << 16;

    /// <summary>Most dictionary bytes per column chunk before falling back to PLAIN.</summary>
    public int MaxDictionaryBytes { get; init; } = 4 << 20;

    /// <summary>Whether int64 and timestamp pages may use DELTA_BINARY_PACKED (chosen per page when smaller than PLAIN).</summary>
    public bool DeltaEncoding { get; init; } = true;

    /// <summary>
    /// Data page format: 1 (DataPageHeader, the default: every reader knows it) or 2
    /// (DataPageHeaderV2: levels stored uncompressed and without a length prefix before the
    /// compressed values, and the page's null and row counts in its header).
    /// </summary>
    public int DataPageVersion { get; init; } = 1;

    /// <summary>
    /// Whether DOUBLE and FLOAT pages that are not dictionary-encoded may use BYTE_STREAM_SPLIT.
    /// Chosen per chunk by compressing its first page both ways and keeping the smaller; never
    /// used without a codec, where it cannot be smaller.
    /// </summary>
    public bool ByteStreamSplitEncoding { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static ParquetWriterOptions Default { get; } = new();
}
