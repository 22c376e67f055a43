namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>
/// Where a token's bytes are: a range of the request body when the token had no escapes (the
/// common case, no copy), or of the scratch buffer when it had to be unescaped.
/// </summary>
internal readonly struct TextRange
{
    /// <summary>Creates a range.</summary>
    public TextRange(int start, int length, bool inScratch)
    {
        Start = start;
        Length = length;
        InScratch = inScratch;
    }

    /// <summary>Offset of the first byte.</summary>
    public int Start { get; }

    /// <summary>Number of bytes.</summary>
    public int Length { get; }

    /// <summary>Whether the bytes are in the scratch buffer rather than the body.</summary>
    public bool InScratch { get; }

    /// <summary>The bytes, from whichever buffer holds them.</summary>
    public ReadOnlySpan<byte> Resolve(ReadOnlySpan<byte> body, ReadOnlySpan<byte> scratch) =>
        InScratch ? scratch.Slice(Start, Length) : body.Slice(Start, Length);
}
