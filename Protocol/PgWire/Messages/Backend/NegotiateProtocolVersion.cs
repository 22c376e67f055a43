namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>
/// NegotiateProtocolVersion ('v'): the client asked for a newer minor version or for "_pq_."
/// options; names the newest minor version supported (0) and the options not recognized.
/// </summary>
public static class NegotiateProtocolVersion
{
    /// <summary>Writes the message.</summary>
    public static void Write(PgWriteBuffer buffer, int newestMinorVersion, IReadOnlyList<string> unrecognizedOptions)
    {
        buffer.StartMessage((byte)'v');
        buffer.WriteInt32(newestMinorVersion);
        buffer.WriteInt32(unrecognizedOptions.Count);
        for (int i = 0; i < unrecognizedOptions.Count; i++)
        {
            buffer.WriteCString(unrecognizedOptions[i]);
        }

        buffer.EndMessage();
    }
}
