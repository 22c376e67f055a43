using System.Security.Cryptography;
using System.Text;

namespace IOx.Pg.Protocol.PgWire.Auth;

/// <summary>
/// PostgreSQL's md5 password method: the stored secret is "md5" + hex(md5(password + user)); the
/// client answers a 4-byte salt with "md5" + hex(md5(hex(md5(password + user)) + salt)). Weak by
/// today's standards (kept because old drivers speak nothing else); SCRAM-SHA-256 is preferred.
/// </summary>
public static class Md5Password
{
    /// <summary>The stored form: "md5" + hex(md5(password + user)).</summary>
    public static string Hash(string password, string user)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(user);
        return "md5" + Hex(MD5.HashData(Encoding.UTF8.GetBytes(password + user)));
    }

    /// <summary>Whether <paramref name="response"/> is the right answer to <paramref name="salt"/> for the stored <paramref name="hash"/>.</summary>
    public static bool Verify(string hash, ReadOnlySpan<byte> salt, string response)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(response);
        byte[] inner = Encoding.ASCII.GetBytes(hash[3..]);
        byte[] salted = new byte[inner.Length + salt.Length];
        inner.CopyTo(salted, 0);
        salt.CopyTo(salted.AsSpan(inner.Length));
        string expected = "md5" + Hex(MD5.HashData(salted));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(response));
    }

    /// <summary>Lower-case hex, as PostgreSQL writes it.</summary>
    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
