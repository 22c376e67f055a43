using System.Buffers.Text;

namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>
/// The field list shared by ErrorResponse and NoticeResponse: S (severity, localized), V
/// (severity, never localized), C (SQLSTATE), M (message), D (detail), H (hint), P (1-based
/// character position in the query string), each a type byte and a String, ended by a zero byte.
/// </summary>
public static class ErrorFields
{
    /// <summary>Writes a whole message with type byte <paramref name="code"/>.</summary>
    public static void Write(PgWriteBuffer buffer, byte code, PgSeverity severity, string sqlState, string message, string? detail, string? hint, int position)
    {
        ReadOnlySpan<byte> severityText = SeverityText(severity);
        buffer.StartMessage(code);
        buffer.WriteByte((byte)'S');
        buffer.WriteCString(severityText);
        buffer.WriteByte((byte)'V');
        buffer.WriteCString(severityText);
        buffer.WriteByte((byte)'C');
        buffer.WriteCString(sqlState);
        buffer.WriteByte((byte)'M');
        buffer.WriteCString(message);
        if (!string.IsNullOrEmpty(detail))
        {
            buffer.WriteByte((byte)'D');
            buffer.WriteCString(detail);
        }

        if (!string.IsNullOrEmpty(hint))
        {
            buffer.WriteByte((byte)'H');
            buffer.WriteCString(hint);
        }

        if (position > 0)
        {
            buffer.WriteByte((byte)'P');
            Span<byte> span = buffer.GetSpan(11);
            Utf8Formatter.TryFormat(position, span, out int written);
            buffer.Advance(written);
            buffer.WriteByte(0);
        }

        buffer.WriteByte(0);
        buffer.EndMessage();
    }

    /// <summary>The wire text of a severity.</summary>
    private static ReadOnlySpan<byte> SeverityText(PgSeverity severity) => severity switch
    {
        PgSeverity.Error => "ERROR"u8,
        PgSeverity.Fatal => "FATAL"u8,
        PgSeverity.Panic => "PANIC"u8,
        PgSeverity.Warning => "WARNING"u8,
        PgSeverity.Notice => "NOTICE"u8,
        PgSeverity.Debug => "DEBUG"u8,
        PgSeverity.Info => "INFO"u8,
        _ => "LOG"u8,
    };
}
