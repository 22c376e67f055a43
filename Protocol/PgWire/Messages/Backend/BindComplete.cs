namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>BindComplete ('2'): the Bind message succeeded.</summary>
public static class BindComplete
{
    /// <summary>Writes the message (no body).</summary>
    public static void Write(PgWriteBuffer buffer)
    {
        buffer.StartMessage((byte)'2');
        buffer.EndMessage();
    }
}
