using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using IOx.Pg.Protocol.PgWire.Auth;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// The login roles password authentication checks against, by name (case-sensitive, as
/// PostgreSQL role names once parsed). Only verifiers are kept, never passwords. Thread-safe.
/// </summary>
public sealed class PgRoles
{
    /// <summary>Roles by name.</summary>
    private readonly ConcurrentDictionary<string, PgRole> _roles = new(StringComparer.Ordinal);

    /// <summary>Per-process secret from which made-up salts for unknown users are derived.</summary>
    private readonly byte[] _mockSecret = RandomNumberGenerator.GetBytes(32);

    /// <summary>Adds or replaces <paramref name="name"/> with <paramref name="password"/> (kept as a SCRAM verifier and an md5 secret).</summary>
    public PgRole Set(string name, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var role = new PgRole(name, ScramVerifier.Create(password), Md5Password.Hash(password, name));
        _roles[name] = role;
        return role;
    }

    /// <summary>Adds or replaces <paramref name="name"/> with an existing SCRAM verifier (md5 clients are then asked for SCRAM).</summary>
    public PgRole Set(string name, ScramVerifier verifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var role = new PgRole(name, verifier, null);
        _roles[name] = role;
        return role;
    }

    /// <summary>Removes <paramref name="name"/>; false when it did not exist.</summary>
    public bool Remove(string name) => _roles.TryRemove(name, out _);

    /// <summary>The role named <paramref name="name"/>.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out PgRole? role) => _roles.TryGetValue(name, out role);

    /// <summary>
    /// The salt shown to a client asking for unknown user <paramref name="name"/>: stable for the
    /// name within this process, so probing twice does not reveal that the user is made up.
    /// </summary>
    public byte[] MockSalt(string name) =>
        HMACSHA256.HashData(_mockSecret, Encoding.UTF8.GetBytes(name))[..ScramVerifier.SaltLength];
}
