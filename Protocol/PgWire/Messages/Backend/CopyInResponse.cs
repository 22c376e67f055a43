namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>CopyInResponse ('G'): the server is ready for COPY data in text form (overall and per-column format 0).</summary>
public static class CopyInResponse
{
    /// <summary>Writes the message for <paramref name="columns"/> text columns.</summary>
    public static void Write(PgWriteBuffer buffer, int columns)
    {
        buffer.StartMessage((byte)'G');
        buffer.WriteByte(0);
        buffer.WriteInt16((short)columns);
        for (int i = 0; i < columns; i++)
        {
            buffer.WriteInt16(0);
        }

        buffer.EndMessage();
    }
}
