namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>CopyInResponse ('G'): the server is ready for COPY data; the overall format (0 text/CSV, 1 binary) and each column's format.</summary>
public static class CopyInResponse
{
    /// <summary>Writes the message for <paramref name="columns"/> text columns.</summary>
    public static void Write(PgWriteBuffer buffer, int columns) => Write(buffer, PgFormat.Text, columns);

    /// <summary>Writes the message for <paramref name="columns"/> columns all in <paramref name="format"/>.</summary>
    public static void Write(PgWriteBuffer buffer, PgFormat format, int columns)
    {
        buffer.StartMessage((byte)'G');
        buffer.WriteByte((byte)format);
        buffer.WriteInt16((short)columns);
        for (int i = 0; i < columns; i++)
        {
            buffer.WriteInt16((short)format);
        }

        buffer.EndMessage();
    }
}
