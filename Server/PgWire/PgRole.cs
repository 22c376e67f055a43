using IOx.Pg.Protocol.PgWire.Auth;

namespace IOx.Pg.Server.PgWire;

/// <summary>A login role: its SCRAM verifier and, when the password was given in clear, its md5 secret (for md5 clients).</summary>
public sealed record PgRole(string Name, ScramVerifier Verifier, string? Md5Hash);
