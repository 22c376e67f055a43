namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>
/// A field of a parsed line: its key, its type, and its value either as 64 bits (float bits,
/// int64, uint64, or 0/1 for booleans) or as a text range for strings.
/// </summary>
internal readonly struct LineField
{
    /// <summary>Creates a field with a numeric or boolean value.</summary>
    public LineField(TextRange key, LineFieldType type, ulong bits)
    {
        Key = key;
        Type = type;
        Bits = bits;
        Text = default;
    }

    /// <summary>Creates a string field.</summary>
    public LineField(TextRange key, TextRange text)
    {
        Key = key;
        Type = LineFieldType.String;
        Bits = 0;
        Text = text;
    }

    /// <summary>The key.</summary>
    public TextRange Key { get; }

    /// <summary>The value type.</summary>
    public LineFieldType Type { get; }

    /// <summary>The value for every type but <see cref="LineFieldType.String"/>.</summary>
    public ulong Bits { get; }

    /// <summary>The unescaped value of a string field.</summary>
    public TextRange Text { get; }
}
