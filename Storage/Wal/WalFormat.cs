namespace IOx.Pg.Storage.Wal;

/// <summary>
/// The on-disk constants of WAL segments, in one place (see docs/wal.md for the layout).
/// A segment is a <see cref="HeaderSize"/>-byte header followed by frames; a frame is a
/// little-endian u32 payload length, the u32 CRC-32C of the payload, and the payload.
/// </summary>
public static class WalFormat
{
    /// <summary>The first eight bytes of every segment: "IOXPGWAL".</summary>
    public static ReadOnlySpan<byte> Magic => "IOXPGWAL"u8;

    /// <summary>The format version this code writes and reads.</summary>
    public const uint Version = 1;

    /// <summary>Bytes of the segment header.</summary>
    public const int HeaderSize = 32;

    /// <summary>Bytes before a frame's payload: length and checksum.</summary>
    public const int FrameHeaderSize = 8;

    /// <summary>Fixed bytes of a payload before the database name: sequence, kind, precision, flags, reserved, server time, name length.</summary>
    public const int PayloadFixedSize = 22;

    /// <summary>Smallest valid payload (an empty database name is never written, but the bound only guards framing).</summary>
    public const int MinPayloadSize = PayloadFixedSize;

    /// <summary>Largest payload a reader accepts; a larger length field is corruption, not a record.</summary>
    public const int MaxPayloadSize = 1 << 30;

    /// <summary>Record kind: a line-protocol write request.</summary>
    public const byte KindLineProtocolWrite = 1;

    /// <summary>Flag bit of a write record: the request was sent with accept_partial (the default).</summary>
    public const byte FlagAcceptPartial = 1;

    /// <summary>Segment file name extension.</summary>
    public const string SegmentExtension = ".wal";

    /// <summary>Digits of the first sequence number in a segment's file name (zero padded, so names sort like numbers).</summary>
    public const int SegmentNameDigits = 20;
}
