namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>PortalSuspended ('s'): Execute reached its row limit; the portal can be executed again for more.</summary>
public static class PortalSuspended
{
    /// <summary>Writes the message (no body).</summary>
    public static void Write(PgWriteBuffer buffer)
    {
        buffer.StartMessage((byte)'s');
        buffer.EndMessage();
    }
}
