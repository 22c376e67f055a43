namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>A tag of a parsed line: where its unescaped key and value are.</summary>
internal readonly struct LineTag
{
    /// <summary>Creates a tag.</summary>
    public LineTag(TextRange key, TextRange value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The key.</summary>
    public TextRange Key { get; }

    /// <summary>The value.</summary>
    public TextRange Value { get; }
}
