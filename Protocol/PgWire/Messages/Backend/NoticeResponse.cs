namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>NoticeResponse ('N'): a NOTICE or WARNING that does not end anything.</summary>
public static class NoticeResponse
{
    /// <summary>Writes the message; <paramref name="position"/> 0 omits the P field.</summary>
    public static void Write(PgWriteBuffer buffer, PgSeverity severity, string sqlState, string message, string? detail = null, string? hint = null, int position = 0) =>
        ErrorFields.Write(buffer, (byte)'N', severity, sqlState, message, detail, hint, position);
}
