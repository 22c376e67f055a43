namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>CopyDone ('c'): the end of a COPY's data; CommandComplete "COPY n" follows.</summary>
public static class CopyDone
{
    /// <summary>Writes the message.</summary>
    public static void Write(PgWriteBuffer buffer)
    {
        buffer.StartMessage((byte)'c');
        buffer.EndMessage();
    }
}
