namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>BackendKeyData ('K'): the process id and secret key a client quotes in a CancelRequest.</summary>
public static class BackendKeyData
{
    /// <summary>Writes the message.</summary>
    public static void Write(PgWriteBuffer buffer, int processId, int secretKey)
    {
        buffer.StartMessage((byte)'K');
        buffer.WriteInt32(processId);
        buffer.WriteInt32(secretKey);
        buffer.EndMessage();
    }
}
