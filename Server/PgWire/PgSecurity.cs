using System.Security.Cryptography.X509Certificates;

namespace IOx.Pg.Server.PgWire;

/// <summary>The pgwire listener's security: the authentication method, the roles it checks, and the TLS certificate (none: SSLRequest is refused).</summary>
public sealed class PgSecurity
{
    /// <summary>How clients authenticate.</summary>
    public PgAuthMethod AuthMethod { get; init; } = PgAuthMethod.Trust;

    /// <summary>The login roles (used by every method but trust).</summary>
    public PgRoles Roles { get; init; } = new();

    /// <summary>The server certificate with its private key; null when TLS is off.</summary>
    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>Trust authentication, no TLS: the embedded default.</summary>
    public static PgSecurity Default { get; } = new();
}
