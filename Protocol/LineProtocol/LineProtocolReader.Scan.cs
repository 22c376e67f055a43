using System.Buffers;
using System.Runtime.CompilerServices;

namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>Token scanning: names with their escapes, string values, and the scratch buffer.</summary>
public ref partial struct LineProtocolReader
{
    /// <summary>
    /// Scans a measurement, key or tag value from <paramref name="p"/> up to an unescaped stop
    /// byte (or the body's end), leaving <paramref name="p"/> on it. Tokens without escapes are
    /// returned as body ranges; the first escape switches to copying into scratch.
    /// </summary>
    private bool TryScanName(ref int p, SearchValues<byte> stops, NameKind kind, out TextRange range)
    {
        ReadOnlySpan<byte> body = _body;
        int start = p;
        int scratchStart = -1;
        while (true)
        {
            int q = IndexOfStop(body, p, stops);
            if (q < body.Length && body[q] == '\\')
            {
                if (IsLineEnd(q + 1))
                {
                    range = default;
                    return Fail(LineErrorKind.UnterminatedEscape, "backslash at the end of the line escapes nothing", q);
                }

                byte next = body[q + 1];
                bool escapable = next == '\\' || next == ',' || next == ' ' || (next == '=' && kind == NameKind.Key);
                p = Escape(body, start, p, q, escapable, ref scratchStart);
                continue;
            }

            range = Finish(body, start, p, q, scratchStart);
            p = q;
            return true;
        }
    }

    /// <summary>
    /// Scans a string value from just after its opening quote to its closing quote (left in
    /// <paramref name="p"/>). <c>\"</c> and <c>\\</c> are unescaped; other backslashes are literal.
    /// Newlines are part of the value. False when the body ends first.
    /// </summary>
    private bool TryScanString(ref int p, out TextRange range)
    {
        ReadOnlySpan<byte> body = _body;
        int start = p;
        int scratchStart = -1;
        while (true)
        {
            int rel = body[p..].IndexOfAny(s_stringStops);
            if (rel < 0)
            {
                range = default;
                return false;
            }

            int q = p + rel;
            if (body[q] == '\\')
            {
                if (q + 1 >= body.Length)
                {
                    range = default;
                    return false;
                }

                byte next = body[q + 1];
                bool escapable = next == '"' || next == '\\';
                p = Escape(body, start, p, q, escapable, ref scratchStart);
                continue;
            }

            range = Finish(body, start, p, q, scratchStart);
            p = q;
            return true;
        }
    }

    /// <summary>
    /// The first offset from <paramref name="start"/> holding one of <paramref name="stops"/>, or the
    /// body's length. A scalar loop: names and values are short (a few bytes to a few tens), where
    /// a vectorized search costs more to set up than it saves.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfStop(ReadOnlySpan<byte> body, int start, SearchValues<byte> stops)
    {
        int q = start;
        while ((uint)q < (uint)body.Length && !stops.Contains(body[q]))
        {
            q++;
        }

        return q;
    }

    /// <summary>
    /// Handles the backslash at <paramref name="q"/> of a token that began at <paramref name="start"/>
    /// and is scanned up to <paramref name="p"/>; returns where scanning goes on. An escapable next
    /// byte is kept without its backslash, which switches the token to scratch (copying what came
    /// before); any other backslash is literal and, while the token is still in place, costs no copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Escape(ReadOnlySpan<byte> body, int start, int p, int q, bool escapable, ref int scratchStart)
    {
        if (scratchStart < 0)
        {
            if (!escapable)
            {
                return q + 1;
            }

            scratchStart = _scratchLength;
            AppendScratch(body[start..q]);
        }
        else
        {
            AppendScratch(body[p..q]);
        }

        AppendScratch(escapable ? body[q + 1] : (byte)'\\');
        return escapable ? q + 2 : q + 1;
    }

    /// <summary>The token ending at <paramref name="q"/>: in place, or its scratch copy completed with the bytes since <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TextRange Finish(ReadOnlySpan<byte> body, int start, int p, int q, int scratchStart)
    {
        if (scratchStart < 0)
        {
            return new TextRange(start, q - start, inScratch: false);
        }

        AppendScratch(body[p..q]);
        return new TextRange(scratchStart, _scratchLength - scratchStart, inScratch: true);
    }

    /// <summary>Appends bytes to the scratch buffer, growing it if needed (ranges are offsets, so growth is safe).</summary>
    private void AppendScratch(ReadOnlySpan<byte> bytes)
    {
        _buffers.EnsureScratch(_scratchLength + bytes.Length, _scratchLength);
        bytes.CopyTo(_buffers.Scratch.AsSpan(_scratchLength));
        _scratchLength += bytes.Length;
    }

    /// <summary>Appends one byte to the scratch buffer.</summary>
    private void AppendScratch(byte value)
    {
        _buffers.EnsureScratch(_scratchLength + 1, _scratchLength);
        _buffers.Scratch[_scratchLength++] = value;
    }
}
