namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>EmptyQueryResponse ('I'): the query string held no statement (it replaces CommandComplete).</summary>
public static class EmptyQueryResponse
{
    /// <summary>Writes the message (no body).</summary>
    public static void Write(PgWriteBuffer buffer)
    {
        buffer.StartMessage((byte)'I');
        buffer.EndMessage();
    }
}
