namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>CopyOutResponse ('H'): the overall format (0 text/CSV, 1 binary) and each column's format; CopyData messages follow.</summary>
public static class CopyOutResponse
{
    /// <summary>Writes the message for <paramref name="columns"/> columns all in <paramref name="format"/>.</summary>
    public static void Write(PgWriteBuffer buffer, PgFormat format, int columns)
    {
        buffer.StartMessage((byte)'H');
        buffer.WriteByte((byte)format);
        buffer.WriteInt16((short)columns);
        for (int i = 0; i < columns; i++)
        {
            buffer.WriteInt16((short)format);
        }

        buffer.EndMessage();
    }
}
