using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IOx.Pg.Protocol.PgWire.Auth;

/// <summary>
/// What the server keeps of a SCRAM-SHA-256 password (RFC 5802, RFC 7677): the salt, the
/// iteration count, StoredKey = H(ClientKey) and ServerKey. The password itself cannot be
/// recovered from it, and a stolen verifier does not let anyone log in without also seeing an
/// exchange. Its text form is PostgreSQL's <c>SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey</c>
/// (base64 parts), so verifiers can move between PostgreSQL and IOx.Pg.
/// </summary>
public sealed record ScramVerifier(byte[] Salt, int Iterations, byte[] StoredKey, byte[] ServerKey)
{
    /// <summary>PostgreSQL's default iteration count (scram_iterations).</summary>
    public const int DefaultIterations = 4096;

    /// <summary>Length of a generated salt, as PostgreSQL.</summary>
    public const int SaltLength = 16;

    /// <summary>The mechanism name, also the prefix of the text form.</summary>
    public const string Mechanism = "SCRAM-SHA-256";

    /// <summary>Computes the verifier of <paramref name="password"/> with a fresh random salt.</summary>
    public static ScramVerifier Create(string password, int iterations = DefaultIterations) =>
        Create(password, RandomNumberGenerator.GetBytes(SaltLength), iterations);

    /// <summary>Computes the verifier of <paramref name="password"/> with the given salt.</summary>
    public static ScramVerifier Create(string password, byte[] salt, int iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        byte[] salted = Rfc2898DeriveBytes.Pbkdf2(Prepare(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        byte[] clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        byte[] serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return new ScramVerifier(salt, iterations, SHA256.HashData(clientKey), serverKey);
    }

    /// <summary>Parses PostgreSQL's text form; false when <paramref name="text"/> is not one.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ScramVerifier? verifier)
    {
        verifier = null;
        string[] parts = text.Split('$');
        if (parts.Length != 3 || parts[0] != Mechanism)
        {
            return false;
        }

        string[] head = parts[1].Split(':');
        string[] keys = parts[2].Split(':');
        if (head.Length != 2 || keys.Length != 2
            || !int.TryParse(head[0], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            byte[] salt = Convert.FromBase64String(head[1]);
            byte[] stored = Convert.FromBase64String(keys[0]);
            byte[] server = Convert.FromBase64String(keys[1]);
            if (stored.Length != 32 || server.Length != 32)
            {
                return false;
            }

            verifier = new ScramVerifier(salt, iterations, stored, server);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>PostgreSQL's text form.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Mechanism}${Iterations}:{Convert.ToBase64String(Salt)}${Convert.ToBase64String(StoredKey)}:{Convert.ToBase64String(ServerKey)}");

    /// <summary>
    /// The password bytes hashed: its UTF-8. RFC 5802 asks for SASLprep, which PostgreSQL applies
    /// to non-ASCII passwords (NFKC normalisation and a few mappings). We run with invariant
    /// globalization, which has no Unicode normalisation tables, so a non-ASCII password is
    /// hashed as typed: identical to PostgreSQL for passwords already in NFKC form (accented
    /// letters as usually typed), different for compatibility characters such as full-width letters.
    /// </summary>
    private static byte[] Prepare(string password) => Encoding.UTF8.GetBytes(password);
}
