namespace IOx.Pg.Protocol.PgWire.Messages.Frontend;

/// <summary>What a startup-phase packet asks for, decided by its leading int32 code.</summary>
public enum StartupPacketKind
{
    /// <summary>A StartupMessage (protocol major version 3).</summary>
    Startup,
    /// <summary>SSLRequest (80877103): answered with 'N', then the real startup follows.</summary>
    SslRequest,
    /// <summary>GSSENCRequest (80877104): answered with 'N', then the real startup follows.</summary>
    GssEncRequest,
    /// <summary>CancelRequest (80877102): cancel a running query of another connection; no reply.</summary>
    CancelRequest,
}
