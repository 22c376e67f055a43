namespace IOx.Pg.Planner.Engine;

/// <summary>
/// What a statement needs to know about the connection running it: the database (an InfluxDB
/// database), the user, session settings (SET/SHOW), and the statement's start time, which
/// fixes now() for the whole statement.
/// </summary>
public sealed class Session
{
    /// <summary>Creates a session for <paramref name="database"/> and <paramref name="user"/>.</summary>
    public Session(string database, string user)
    {
        Database = database;
        User = user;
    }

    /// <summary>The database named at connect.</summary>
    public string Database { get; }

    /// <summary>The user named at connect.</summary>
    public string User { get; }

    /// <summary>Session settings by lower-case name (TimeZone as "timezone", ...).</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["timezone"] = "UTC",
        ["datestyle"] = "ISO, MDY",
        ["application_name"] = "",
        ["client_encoding"] = "UTF8",
        ["extra_float_digits"] = "1",
    };

    /// <summary>The start of the statement now running, in nanoseconds since the epoch (UTC); now() returns it.</summary>
    public long StatementStartNanoseconds { get; set; }
}
