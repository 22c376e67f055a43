namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>RowDescription ('T'): the columns of the rows that follow (or would follow).</summary>
public static class RowDescription
{
    /// <summary>Writes the message.</summary>
    public static void Write(PgWriteBuffer buffer, ReadOnlySpan<FieldDescription> fields)
    {
        buffer.StartMessage((byte)'T');
        buffer.WriteInt16(checked((short)fields.Length));
        foreach (FieldDescription field in fields)
        {
            buffer.WriteCString(field.Name);
            buffer.WriteInt32(field.TableOid);
            buffer.WriteInt16(field.ColumnNumber);
            buffer.WriteInt32(field.TypeOid);
            buffer.WriteInt16(field.TypeSize);
            buffer.WriteInt32(field.TypeModifier);
            buffer.WriteInt16((short)field.Format);
        }

        buffer.EndMessage();
    }
}
