namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>ParameterDescription ('t'): the type OID of each parameter of a described statement.</summary>
public static class ParameterDescription
{
    /// <summary>Writes the message.</summary>
    public static void Write(PgWriteBuffer buffer, ReadOnlySpan<int> parameterTypes)
    {
        buffer.StartMessage((byte)'t');
        buffer.WriteInt16(checked((short)parameterTypes.Length));
        foreach (int oid in parameterTypes)
        {
            buffer.WriteInt32(oid);
        }

        buffer.EndMessage();
    }
}
