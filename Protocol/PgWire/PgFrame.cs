using System.Buffers;

namespace IOx.Pg.Protocol.PgWire;

/// <summary>
/// One complete frontend message as found in the receive buffer: its type byte (0 for the
/// untyped startup-phase packets), its body without the length word, and how many bytes the
/// whole frame occupies so the caller can advance past it.
/// </summary>
public readonly struct PgFrame
{
    /// <summary>Creates a frame.</summary>
    public PgFrame(byte code, ReadOnlySequence<byte> body, long frameLength)
    {
        Code = code;
        Body = body;
        FrameLength = frameLength;
    }

    /// <summary>The message type byte ('Q', 'P', ...), or 0 for a startup-phase packet.</summary>
    public byte Code { get; }

    /// <summary>The body: everything after the length word. Valid until the reader advances.</summary>
    public ReadOnlySequence<byte> Body { get; }

    /// <summary>Bytes consumed by the whole frame, header included.</summary>
    public long FrameLength { get; }

    /// <summary>
    /// The body as one span: a view when it lies in one segment, otherwise copied into
    /// <paramref name="scratch"/> (grown as needed, owned by the caller).
    /// </summary>
    public ReadOnlySpan<byte> GetBodySpan(ref byte[] scratch)
    {
        if (Body.IsSingleSegment)
        {
            return Body.FirstSpan;
        }

        int length = checked((int)Body.Length);
        if (scratch.Length < length)
        {
            scratch = new byte[Math.Max(length, scratch.Length * 2)];
        }

        Body.CopyTo(scratch);
        return scratch.AsSpan(0, length);
    }
}
