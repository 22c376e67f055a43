namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>Severity of an ErrorResponse or NoticeResponse.</summary>
public enum PgSeverity
{
    /// <summary>ERROR: the statement failed; the session goes on.</summary>
    Error,
    /// <summary>FATAL: the session ends.</summary>
    Fatal,
    /// <summary>PANIC (not used by IOx.Pg, listed for completeness).</summary>
    Panic,
    /// <summary>WARNING notice.</summary>
    Warning,
    /// <summary>NOTICE notice.</summary>
    Notice,
    /// <summary>DEBUG notice.</summary>
    Debug,
    /// <summary>INFO notice.</summary>
    Info,
    /// <summary>LOG notice.</summary>
    Log,
}
