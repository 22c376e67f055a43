namespace IOx.Pg.Protocol.PgWire.Messages.Frontend;

/// <summary>
/// The bodies of the 'p' message, whose meaning depends on what the server asked for: a password
/// (cleartext or md5 answer, NUL-terminated), a SASLInitialResponse (mechanism, then int32 length
/// of the data or -1, then the data), or a SASLResponse (the data, whole body).
/// </summary>
public static class PasswordMessage
{
    /// <summary>The password string of a PasswordMessage.</summary>
    public static string ParsePassword(ReadOnlySpan<byte> body)
    {
        var reader = new PgMessageReader(body);
        string password = reader.ReadCString();
        reader.ExpectEnd();
        return password;
    }

    /// <summary>The mechanism and initial data of a SASLInitialResponse (data empty when the client sent -1).</summary>
    public static (string Mechanism, byte[] Data) ParseSaslInitialResponse(ReadOnlySpan<byte> body)
    {
        var reader = new PgMessageReader(body);
        string mechanism = reader.ReadCString();
        int length = reader.ReadInt32();
        if (length < -1 || length > reader.Remaining)
        {
            throw new PgProtocolException("invalid SASL initial response length");
        }

        byte[] data = length <= 0 ? [] : reader.ReadBytes(length).ToArray();
        reader.ExpectEnd();
        return (mechanism, data);
    }
}
