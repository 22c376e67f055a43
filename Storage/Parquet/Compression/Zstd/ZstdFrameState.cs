namespace IOx.Pg.Storage.Parquet.Compression.Zstd;

/// <summary>
/// What one frame's blocks carry over to the next (RFC 8878 §3.1.1.3): the last Huffman tree,
/// the last sequence tables (for "repeat" modes) and the three repeat offsets; plus the buffer
/// decoded literals land in.
/// </summary>
internal sealed class ZstdFrameState
{
    /// <summary>The three most recent offsets; a frame starts with 1, 4, 8.</summary>
    private long _offset1 = 1;

    /// <summary>Second most recent offset.</summary>
    private long _offset2 = 4;

    /// <summary>Third most recent offset.</summary>
    private long _offset3 = 8;

    /// <summary>Forgets everything a previous frame left (the literal buffer is kept for reuse).</summary>
    public void Reset()
    {
        _offset1 = 1;
        _offset2 = 4;
        _offset3 = 8;
        Huffman = null;
        LiteralLengths = null;
        Offsets = null;
        MatchLengths = null;
    }

    /// <summary>The last Huffman tree of the frame, or null.</summary>
    public ZstdHuffmanTable? Huffman { get; set; }

    /// <summary>The last literal-length table, or null.</summary>
    public ZstdFseTable? LiteralLengths { get; set; }

    /// <summary>The last offset table, or null.</summary>
    public ZstdFseTable? Offsets { get; set; }

    /// <summary>The last match-length table, or null.</summary>
    public ZstdFseTable? MatchLengths { get; set; }

    /// <summary>Decoded literals of the current block (at most one block's worth).</summary>
    public byte[] Literals { get; } = new byte[ZstdConstants.MaxBlockSize];

    /// <summary>
    /// The match offset of a sequence's offset value, updating the repeat offsets (RFC 8878
    /// §3.1.1.5): values above 3 are new offsets; 1..3 name a repeat offset, shifted by one when
    /// the sequence has no literals (then 3 means the most recent offset minus one).
    /// </summary>
    public long ResolveOffset(long offsetValue, int literalLength)
    {
        if (offsetValue > 3)
        {
            long offset = offsetValue - 3;
            _offset3 = _offset2;
            _offset2 = _offset1;
            _offset1 = offset;
            return offset;
        }

        int index = (int)offsetValue - 1 + (literalLength == 0 ? 1 : 0);
        if (index == 0)
        {
            return _offset1;
        }

        long chosen = index switch
        {
            1 => _offset2,
            2 => _offset3,
            _ => _offset1 - 1,
        };
        if (index > 1)
        {
            _offset3 = _offset2;
        }

        _offset2 = _offset1;
        _offset1 = chosen;
        return chosen;
    }
}
