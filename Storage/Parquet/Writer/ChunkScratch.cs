using IOx.Pg.Storage.Parquet.Encodings;
using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Writer;

/// <summary>
/// Scratch buffers for writing a column chunk, shared by all the column writers of one file:
/// chunks are written one after another, so one set (sized for the largest chunk) serves every
/// column and row group. Fields, not properties, so they can be grown by reference.
/// </summary>
internal sealed class ChunkScratch
{
    /// <summary>Definition level per row of the chunk (1 = present).</summary>
    public int[] Levels = new int[1024];

    /// <summary>Non-null int64 values (also uint64 and timestamp bit patterns).</summary>
    public long[] Longs = new long[1024];

    /// <summary>Non-null double values.</summary>
    public double[] Doubles = new double[1024];

    /// <summary>Non-null boolean values, one per int (0/1).</summary>
    public int[] Bools = new int[1024];

    /// <summary>Dictionary index per non-null text value.</summary>
    public int[] Indices = new int[1024];

    /// <summary>Offsets of the non-null text values in <see cref="StringData"/> (PLAIN text).</summary>
    public int[] StringOffsets = new int[1025];

    /// <summary>Bytes of the non-null text values (PLAIN text).</summary>
    public byte[] StringData = new byte[16 * 1024];

    /// <summary>Distinct values of a numeric dictionary (bit patterns), in index order.</summary>
    public long[] DictionaryValues = new long[1024];

    /// <summary>Open-addressing table of a numeric dictionary: index + 1 per slot, 0 = empty.</summary>
    public int[] DictionarySlots = new int[2048];

    /// <summary>A page's floating-point values rearranged into byte streams (BYTE_STREAM_SPLIT).</summary>
    public byte[] Split = new byte[1024];

    /// <summary>Uncompressed page body being built.</summary>
    public readonly ByteBuffer Page = new(64 * 1024);

    /// <summary>Compressed page body.</summary>
    public byte[] Compressed = new byte[64 * 1024];

    /// <summary>Page header bytes.</summary>
    public readonly ThriftCompactWriter Header = new();
}
