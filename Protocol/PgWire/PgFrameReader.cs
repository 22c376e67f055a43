using System.Buffers;
using System.Buffers.Binary;

namespace IOx.Pg.Protocol.PgWire;

/// <summary>
/// Finds frames in received bytes. The contract (Garnet's): look at what has arrived, return a
/// frame when one is complete, return false when more bytes are needed; an incomplete frame is
/// never an error. A length that cannot be right (too small, or over the limit) is malformed
/// input and throws <see cref="PgProtocolException"/> before waiting for bytes that would never
/// make sense.
/// </summary>
public static class PgFrameReader
{
    /// <summary>PostgreSQL's MAX_STARTUP_PACKET_LENGTH: a startup-phase packet longer than this is refused.</summary>
    public const int MaxStartupPacketLength = 10000;

    /// <summary>The largest regular message accepted (PostgreSQL's PQ_LARGE_MESSAGE_LIMIT is 1 GB - 1).</summary>
    public const int MaxMessageLength = 0x3FFF_FFFF;

    /// <summary>
    /// Reads a startup-phase packet (no type byte; int32 length including itself, then the body,
    /// whose first int32 is the protocol version or request code). False when incomplete.
    /// </summary>
    public static bool TryReadStartupPacket(ReadOnlySequence<byte> buffer, out PgFrame frame)
    {
        frame = default;
        if (buffer.Length < 4)
        {
            return false;
        }

        int length = ReadInt32(buffer);
        if (length < 8 || length > MaxStartupPacketLength)
        {
            throw new PgProtocolException("invalid length of startup packet");
        }

        if (buffer.Length < length)
        {
            return false;
        }

        frame = new PgFrame(0, buffer.Slice(4, length - 4), length);
        return true;
    }

    /// <summary>Reads a regular message (type byte, int32 length including itself, body). False when incomplete.</summary>
    public static bool TryReadMessage(ReadOnlySequence<byte> buffer, out PgFrame frame)
    {
        frame = default;
        if (buffer.Length < 5)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[5];
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        if (first.Length >= 5)
        {
            first[..5].CopyTo(header);
        }
        else
        {
            buffer.Slice(0, 5).CopyTo(header);
        }

        byte code = header[0];
        int length = BinaryPrimitives.ReadInt32BigEndian(header[1..]);
        if (length < 4 || length > MaxMessageLength)
        {
            throw new PgProtocolException("invalid message length");
        }

        long frameLength = 1L + length;
        if (buffer.Length < frameLength)
        {
            return false;
        }

        frame = new PgFrame(code, buffer.Slice(5, length - 4), frameLength);
        return true;
    }

    /// <summary>Reads a big-endian int32 from the start of <paramref name="buffer"/> (at least 4 bytes), across segments if needed.</summary>
    private static int ReadInt32(ReadOnlySequence<byte> buffer)
    {
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        if (first.Length >= 4)
        {
            return BinaryPrimitives.ReadInt32BigEndian(first);
        }

        Span<byte> bytes = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(bytes);
        return BinaryPrimitives.ReadInt32BigEndian(bytes);
    }
}
