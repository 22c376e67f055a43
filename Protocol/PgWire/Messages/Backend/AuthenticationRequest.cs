namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>
/// The authentication requests ('R' with a code other than 0): cleartext password (3), MD5 with a
/// 4-byte salt (5), SASL with the offered mechanisms (10), SASL continue (11) and final (12) data.
/// </summary>
public static class AuthenticationRequest
{
    /// <summary>AuthenticationCleartextPassword.</summary>
    public static void WriteCleartextPassword(PgWriteBuffer buffer) => WriteCode(buffer, 3);

    /// <summary>AuthenticationMD5Password with its salt.</summary>
    public static void WriteMd5Password(PgWriteBuffer buffer, ReadOnlySpan<byte> salt)
    {
        buffer.StartMessage((byte)'R');
        buffer.WriteInt32(5);
        buffer.WriteBytes(salt);
        buffer.EndMessage();
    }

    /// <summary>AuthenticationSASL: the mechanism names, each NUL-terminated, then an empty name.</summary>
    public static void WriteSasl(PgWriteBuffer buffer, string mechanism)
    {
        buffer.StartMessage((byte)'R');
        buffer.WriteInt32(10);
        buffer.WriteCString(mechanism);
        buffer.WriteByte(0);
        buffer.EndMessage();
    }

    /// <summary>AuthenticationSASLContinue with the server's challenge.</summary>
    public static void WriteSaslContinue(PgWriteBuffer buffer, ReadOnlySpan<byte> data) => WriteData(buffer, 11, data);

    /// <summary>AuthenticationSASLFinal with the server's outcome data.</summary>
    public static void WriteSaslFinal(PgWriteBuffer buffer, ReadOnlySpan<byte> data) => WriteData(buffer, 12, data);

    /// <summary>A request with only its code.</summary>
    private static void WriteCode(PgWriteBuffer buffer, int code)
    {
        buffer.StartMessage((byte)'R');
        buffer.WriteInt32(code);
        buffer.EndMessage();
    }

    /// <summary>A request with its code and raw data.</summary>
    private static void WriteData(PgWriteBuffer buffer, int code, ReadOnlySpan<byte> data)
    {
        buffer.StartMessage((byte)'R');
        buffer.WriteInt32(code);
        buffer.WriteBytes(data);
        buffer.EndMessage();
    }
}
