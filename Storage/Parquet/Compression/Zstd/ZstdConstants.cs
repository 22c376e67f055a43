namespace IOx.Pg.Storage.Parquet.Compression.Zstd;

/// <summary>
/// Fixed numbers of the Zstandard format (RFC 8878): magic numbers, limits, the sequence codes'
/// baselines and extra bits (§3.1.1.3.2.1.1) and the predefined FSE distributions (§3.1.1.3.2.2).
/// </summary>
internal static class ZstdConstants
{
    /// <summary>A Zstandard frame starts with these four bytes (little-endian 0xFD2FB528).</summary>
    public const uint FrameMagic = 0xFD2FB528;

    /// <summary>Skippable frames have a magic 0x184D2A50..0x184D2A5F.</summary>
    public const uint SkippableMagicMask = 0xFFFFFFF0;

    /// <summary>The skippable magic with its low nibble cleared.</summary>
    public const uint SkippableMagic = 0x184D2A50;

    /// <summary>No block regenerates more than 128 KiB.</summary>
    public const int MaxBlockSize = 128 * 1024;

    /// <summary>Largest accuracy log of the literal-length table.</summary>
    public const int MaxLiteralLengthLog = 9;

    /// <summary>Largest accuracy log of the match-length table.</summary>
    public const int MaxMatchLengthLog = 9;

    /// <summary>Largest accuracy log of the offset table.</summary>
    public const int MaxOffsetLog = 8;

    /// <summary>Largest accuracy log of the FSE table compressing Huffman weights.</summary>
    public const int MaxHuffmanWeightLog = 6;

    /// <summary>Longest Huffman code.</summary>
    public const int MaxHuffmanBits = 11;

    /// <summary>Highest literal-length code.</summary>
    public const int MaxLiteralLengthCode = 35;

    /// <summary>Highest match-length code.</summary>
    public const int MaxMatchLengthCode = 52;

    /// <summary>Highest offset code this decoder accepts (offsets below 2^31).</summary>
    public const int MaxOffsetCode = 31;

    /// <summary>Literal length of each code with no extra bits added.</summary>
    public static ReadOnlySpan<int> LiteralLengthBaseline =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096,
        8192, 16384, 32768, 65536,
    ];

    /// <summary>Extra bits read after each literal-length code.</summary>
    public static ReadOnlySpan<byte> LiteralLengthExtraBits =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 16,
    ];

    /// <summary>Match length of each code with no extra bits added.</summary>
    public static ReadOnlySpan<int> MatchLengthBaseline =>
    [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
        19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
        35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
        4099, 8195, 16387, 32771, 65539,
    ];

    /// <summary>Extra bits read after each match-length code.</summary>
    public static ReadOnlySpan<byte> MatchLengthExtraBits =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11,
        12, 13, 14, 15, 16,
    ];

    /// <summary>The predefined literal-length distribution (accuracy log 6).</summary>
    public static ReadOnlySpan<short> DefaultLiteralLengths =>
    [
        4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
        -1, -1, -1, -1,
    ];

    /// <summary>The predefined match-length distribution (accuracy log 6).</summary>
    public static ReadOnlySpan<short> DefaultMatchLengths =>
    [
        1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1,
        -1, -1, -1, -1, -1,
    ];

    /// <summary>The predefined offset-code distribution (accuracy log 5).</summary>
    public static ReadOnlySpan<short> DefaultOffsets =>
    [
        1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1,
    ];
}
