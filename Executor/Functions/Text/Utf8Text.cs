using System.Text;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>Appends a StringBuilder's text to a string column as UTF-8 through one reused byte buffer (no string per row).</summary>
public sealed class Utf8Text
{
    /// <summary>The reused buffer.</summary>
    private byte[] _bytes = new byte[256];

    /// <summary>Appends the text of <paramref name="text"/> as one value.</summary>
    public void AppendTo(StringBuilder text, StringColumnBuilder builder)
    {
        int needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_bytes.Length < needed)
        {
            _bytes = new byte[Math.Max(needed, _bytes.Length * 2)];
        }

        int written = 0;
        foreach (ReadOnlyMemory<char> chunk in text.GetChunks())
        {
            written += Encoding.UTF8.GetBytes(chunk.Span, _bytes.AsSpan(written));
        }

        builder.Append(_bytes.AsSpan(0, written));
    }
}
