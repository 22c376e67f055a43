namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>NoData ('n'): the described statement or portal returns no rows.</summary>
public static class NoData
{
    /// <summary>Writes the message (no body).</summary>
    public static void Write(PgWriteBuffer buffer)
    {
        buffer.StartMessage((byte)'n');
        buffer.EndMessage();
    }
}
