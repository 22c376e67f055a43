using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Protocol.PgWire;

/// <summary>
/// The error for a malformed body inside an intact frame (a truncated field, trailing bytes, a
/// bad subtype or format code): as in PostgreSQL it is an ERROR 08P01 that ends the statement,
/// not the session, because the framing, and so the byte stream, is still in sync. (A bad frame
/// length or an unknown message type is a <see cref="PgProtocolException"/>: FATAL.)
/// </summary>
public static class MalformedMessage
{
    /// <summary>An 08P01 statement error with <paramref name="message"/>.</summary>
    public static SqlException Error(string message) => new(SqlState.ProtocolViolation, message);
}
