namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>
/// Reusable working memory for <see cref="LineProtocolReader"/>: the scratch bytes that
/// unescaped tokens are copied into, and the tag and field tables of the current line. It grows
/// to the largest line seen and is then reused, so parsing allocates nothing per line or field.
/// Not thread-safe: one per concurrent parse (keep one per request or per connection).
/// </summary>
public sealed class LineParserBuffers
{
    /// <summary>Unescaped token bytes of the current line; at least as long as that line.</summary>
    internal byte[] Scratch = new byte[1024];

    /// <summary>Tags of the current line.</summary>
    internal LineTag[] Tags = new LineTag[16];

    /// <summary>Fields of the current line.</summary>
    internal LineField[] Fields = new LineField[32];

    /// <summary>Key hashes with their index, for the duplicate-key check of wide lines.</summary>
    internal long[] KeyHashes = new long[64];

    /// <summary>Bytes of scratch held; a caller caching buffers may drop them after a huge line.</summary>
    public int ScratchCapacity => Scratch.Length;

    /// <summary>Makes <see cref="Scratch"/> at least <paramref name="length"/> bytes, keeping its first <paramref name="used"/>.</summary>
    internal void EnsureScratch(int length, int used)
    {
        if (Scratch.Length < length)
        {
            var bigger = new byte[Math.Max(length, Scratch.Length * 2)];
            Scratch.AsSpan(0, used).CopyTo(bigger);
            Scratch = bigger;
        }
    }

    /// <summary>Doubles <see cref="Tags"/>, keeping its contents.</summary>
    internal void GrowTags() => Array.Resize(ref Tags, Tags.Length * 2);

    /// <summary>Doubles <see cref="Fields"/>, keeping its contents.</summary>
    internal void GrowFields() => Array.Resize(ref Fields, Fields.Length * 2);

    /// <summary>Makes <see cref="KeyHashes"/> at least <paramref name="count"/> long.</summary>
    internal void EnsureKeyHashes(int count)
    {
        if (KeyHashes.Length < count)
        {
            KeyHashes = new long[Math.Max(count, KeyHashes.Length * 2)];
        }
    }
}
