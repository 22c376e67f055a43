namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>ErrorResponse ('E'): an ERROR (statement ends) or FATAL (session ends) with SQLSTATE and message.</summary>
public static class ErrorResponse
{
    /// <summary>Writes the message; <paramref name="position"/> 0 omits the P field.</summary>
    public static void Write(PgWriteBuffer buffer, PgSeverity severity, string sqlState, string message, string? detail = null, string? hint = null, int position = 0) =>
        ErrorFields.Write(buffer, (byte)'E', severity, sqlState, message, detail, hint, position);
}
