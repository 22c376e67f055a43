using System.Buffers.Binary;
using System.Text;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Protocol.PgWire;

/// <summary>
/// Reads the fields of one complete message body (big-endian integers, NUL-terminated UTF-8
/// strings, counted byte strings). Every read checks the remaining length and throws
/// <see cref="MalformedMessage"/>'s 08P01 error on truncation: the frame was complete, so a short
/// field is malformed input, not a reason to wait for more bytes. Invalid UTF-8 is 22021.
/// </summary>
public ref struct PgMessageReader
{
    /// <summary>The unread rest of the body.</summary>
    private ReadOnlySpan<byte> _rest;

    /// <summary>Creates a reader over <paramref name="body"/>.</summary>
    public PgMessageReader(ReadOnlySpan<byte> body) => _rest = body;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _rest.Length;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte()
    {
        Need(1);
        byte value = _rest[0];
        _rest = _rest[1..];
        return value;
    }

    /// <summary>Reads a big-endian int16.</summary>
    public short ReadInt16()
    {
        Need(2);
        short value = BinaryPrimitives.ReadInt16BigEndian(_rest);
        _rest = _rest[2..];
        return value;
    }

    /// <summary>Reads a big-endian int32.</summary>
    public int ReadInt32()
    {
        Need(4);
        int value = BinaryPrimitives.ReadInt32BigEndian(_rest);
        _rest = _rest[4..];
        return value;
    }

    /// <summary>Reads <paramref name="count"/> raw bytes (a view into the body).</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0)
        {
            throw MalformedMessage.Error("invalid field length in message");
        }

        Need(count);
        ReadOnlySpan<byte> value = _rest[..count];
        _rest = _rest[count..];
        return value;
    }

    /// <summary>Reads a NUL-terminated UTF-8 string; the empty string is returned without allocating.</summary>
    public string ReadCString()
    {
        int end = _rest.IndexOf((byte)0);
        if (end < 0)
        {
            throw MalformedMessage.Error("invalid string in message");
        }

        string value = end == 0 ? string.Empty : DecodeUtf8(_rest[..end]);
        _rest = _rest[(end + 1)..];
        return value;
    }

    /// <summary>Throws unless the whole body was read (PostgreSQL's pq_getmsgend).</summary>
    public readonly void ExpectEnd()
    {
        if (_rest.Length != 0)
        {
            throw MalformedMessage.Error("invalid message format");
        }
    }

    /// <summary>Decodes UTF-8, rejecting invalid sequences as PostgreSQL does (22021).</summary>
    private static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new SqlException(SqlState.CharacterNotInRepertoire, "invalid byte sequence for encoding \"UTF8\"");
        }
    }

    /// <summary>Throws when fewer than <paramref name="count"/> bytes remain.</summary>
    private readonly void Need(int count)
    {
        if (_rest.Length < count)
        {
            throw MalformedMessage.Error("insufficient data left in message");
        }
    }

    /// <summary>UTF-8 that throws on invalid input instead of substituting U+FFFD.</summary>
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
