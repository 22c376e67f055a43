namespace IOx.Pg.Protocol.PgWire.Messages.Frontend;

/// <summary>
/// A CancelRequest, sent on a fresh connection: the process id and secret key a backend gave in
/// BackendKeyData. The server answers nothing and closes the connection.
/// </summary>
public readonly record struct CancelRequest(int ProcessId, int SecretKey)
{
    /// <summary>Parses the packet body (after the length word): code, process id, secret key.</summary>
    public static CancelRequest Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PgMessageReader(body);
        if (reader.ReadInt32() != StartupPacket.CancelRequestCode)
        {
            throw new PgProtocolException("not a cancel request");
        }

        int processId = reader.ReadInt32();
        int secretKey = reader.ReadInt32();
        reader.ExpectEnd();
        return new CancelRequest(processId, secretKey);
    }
}
