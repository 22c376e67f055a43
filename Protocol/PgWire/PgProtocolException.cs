using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Protocol.PgWire;

/// <summary>
/// Malformed frontend input (a bad length, an unknown message code, a truncated field): the
/// byte stream can no longer be trusted, so the session ends with FATAL and the given SQLSTATE
/// (08P01 protocol_violation unless stated otherwise).
/// </summary>
public sealed class PgProtocolException : Exception
{
    /// <summary>Creates a protocol error with SQLSTATE <paramref name="sqlState"/>.</summary>
    public PgProtocolException(string message, string sqlState = Storage.Errors.SqlState.ProtocolViolation)
        : base(message)
    {
        SqlState = sqlState;
    }

    /// <summary>The SQLSTATE reported with the FATAL error.</summary>
    public string SqlState { get; }
}
