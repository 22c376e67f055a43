namespace IOx.Pg.Protocol.PgWire.Messages.Frontend;

/// <summary>
/// The StartupMessage: protocol version and name/value parameters (user, database, options,
/// application_name, client_encoding, ...). Parameters whose names start with "_pq_." are
/// protocol options; they are collected apart so the server can name them in
/// NegotiateProtocolVersion.
/// </summary>
public sealed class StartupMessage
{
    /// <summary>Creates a startup message.</summary>
    public StartupMessage(int protocolVersion, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<string> protocolOptions)
    {
        ProtocolVersion = protocolVersion;
        Parameters = parameters;
        ProtocolOptions = protocolOptions;
    }

    /// <summary>The requested version, major &lt;&lt; 16 | minor.</summary>
    public int ProtocolVersion { get; }

    /// <summary>The requested minor version.</summary>
    public int MinorVersion => ProtocolVersion & 0xFFFF;

    /// <summary>Parameters by name, as sent (names are case-sensitive on the wire).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Names of "_pq_." protocol options the client asked for.</summary>
    public IReadOnlyList<string> ProtocolOptions { get; }

    /// <summary>A parameter's value, or null when absent.</summary>
    public string? Get(string name) => Parameters.TryGetValue(name, out string? value) ? value : null;

    /// <summary>Parses a StartupMessage body (after the length word): version, then name/value pairs ending in an empty name.</summary>
    public static StartupMessage Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PgMessageReader(body);
        int version = reader.ReadInt32();
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new List<string>();
        while (true)
        {
            string name = reader.ReadCString();
            if (name.Length == 0)
            {
                break;
            }

            string value = reader.ReadCString();
            if (name.StartsWith("_pq_.", StringComparison.Ordinal))
            {
                options.Add(name);
            }
            else
            {
                parameters[name] = value;
            }
        }

        reader.ExpectEnd();
        return new StartupMessage(version, parameters, options);
    }
}
