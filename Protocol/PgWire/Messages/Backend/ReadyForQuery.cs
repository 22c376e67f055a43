namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>ReadyForQuery ('Z'): the backend waits for a new query; carries the transaction status.</summary>
public static class ReadyForQuery
{
    /// <summary>Writes the message.</summary>
    public static void Write(PgWriteBuffer buffer, TransactionStatus status)
    {
        buffer.StartMessage((byte)'Z');
        buffer.WriteByte((byte)status);
        buffer.EndMessage();
    }
}
