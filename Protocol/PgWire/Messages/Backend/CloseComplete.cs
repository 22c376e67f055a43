namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>CloseComplete ('3'): the Close message succeeded.</summary>
public static class CloseComplete
{
    /// <summary>Writes the message (no body).</summary>
    public static void Write(PgWriteBuffer buffer)
    {
        buffer.StartMessage((byte)'3');
        buffer.EndMessage();
    }
}
