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

    /// <summary>The defaults.</summary>
    public static ParquetWriterOptions Default { get; } = new();
}
