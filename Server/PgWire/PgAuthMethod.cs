namespace IOx.Pg.Server.PgWire;

/// <summary>How pgwire clients prove who they are (PostgreSQL's pg_hba.conf methods we speak).</summary>
public enum PgAuthMethod
{
    /// <summary>Any user name is accepted without a password.</summary>
    Trust,

    /// <summary>The password travels in clear text (use only under TLS).</summary>
    Password,

    /// <summary>PostgreSQL's md5 challenge; a role that has only a SCRAM verifier is asked for SCRAM instead, as PostgreSQL does.</summary>
    Md5,

    /// <summary>SCRAM-SHA-256 (RFC 7677): the password never travels and the server proves it knows the verifier.</summary>
    ScramSha256,
}
