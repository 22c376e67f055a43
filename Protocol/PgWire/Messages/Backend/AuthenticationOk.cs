namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>AuthenticationOk ('R', int32 0): authentication succeeded (trust: sent right after the StartupMessage).</summary>
public static class AuthenticationOk
{
    /// <summary>Writes the message.</summary>
    public static void Write(PgWriteBuffer buffer)
    {
        buffer.StartMessage((byte)'R');
        buffer.WriteInt32(0);
        buffer.EndMessage();
    }
}
