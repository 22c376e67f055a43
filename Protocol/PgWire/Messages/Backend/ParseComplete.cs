namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>ParseComplete ('1'): the Parse message succeeded.</summary>
public static class ParseComplete
{
    /// <summary>Writes the message (no body).</summary>
    public static void Write(PgWriteBuffer buffer)
    {
        buffer.StartMessage((byte)'1');
        buffer.EndMessage();
    }
}
