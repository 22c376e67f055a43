namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>ParameterStatus ('S'): reports a run-time parameter's current value (server_version, TimeZone, ...).</summary>
public static class ParameterStatus
{
    /// <summary>Writes the message.</summary>
    public static void Write(PgWriteBuffer buffer, string name, string value)
    {
        buffer.StartMessage((byte)'S');
        buffer.WriteCString(name);
        buffer.WriteCString(value);
        buffer.EndMessage();
    }
}
