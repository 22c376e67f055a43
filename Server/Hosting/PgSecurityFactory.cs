using IOx.Pg.Server.PgWire;

namespace IOx.Pg.Server.Hosting;

/// <summary>Builds the pgwire listener's <see cref="PgSecurity"/> from the server options.</summary>
internal static class PgSecurityFactory
{
    /// <summary>The security for <paramref name="options"/>: method, the bootstrap role, and the TLS certificate (generated under the data directory when asked for and not given).</summary>
    /// <exception cref="ServerConfigurationException">A password method without a password, or an unusable certificate.</exception>
    public static PgSecurity Create(ServerOptions options)
    {
        var roles = new PgRoles();
        if (options.PgAuthMethod != PgAuthMethod.Trust)
        {
            if (string.IsNullOrEmpty(options.PgPassword))
            {
                throw new ServerConfigurationException($"--pg-auth {AuthMethodName(options.PgAuthMethod)} needs a password for {options.PgUser} (--pg-password-file or the IOXPG_PASSWORD environment variable)");
            }

            roles.Set(options.PgUser, options.PgPassword);
        }

        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null;
        if (options.PgTls)
        {
            string tlsDir = Path.Combine(options.DataDir, "tls");
            certificate = TlsCertificates.LoadOrCreate(
                options.PgTlsCert ?? Path.Combine(tlsDir, "server.crt"),
                options.PgTlsKey ?? Path.Combine(tlsDir, "server.key"),
                Environment.MachineName);
        }

        return new PgSecurity { AuthMethod = options.PgAuthMethod, Roles = roles, TlsCertificate = certificate };
    }

    /// <summary>The method's name as --pg-auth spells it (PostgreSQL's pg_hba.conf names).</summary>
    public static string AuthMethodName(PgAuthMethod method) => method switch
    {
        PgAuthMethod.Trust => "trust",
        PgAuthMethod.Password => "password",
        PgAuthMethod.Md5 => "md5",
        _ => "scram-sha-256",
    };

    /// <summary>Parses a --pg-auth value.</summary>
    /// <exception cref="FormatException">Not a method we speak.</exception>
    public static PgAuthMethod ParseAuthMethod(string text) => text switch
    {
        "trust" => PgAuthMethod.Trust,
        "password" => PgAuthMethod.Password,
        "md5" => PgAuthMethod.Md5,
        "scram-sha-256" => PgAuthMethod.ScramSha256,
        _ => throw new FormatException($"--pg-auth must be trust, password, md5 or scram-sha-256, not \"{text}\""),
    };
}
