using System.Security.Cryptography;
using System.Text;

namespace IOx.Pg.Protocol.PgWire.Auth;

/// <summary>
/// The server side of one SCRAM-SHA-256 exchange (RFC 5802 section 3, without channel binding):
/// client-first → server-first (combined nonce, salt, iterations) → client-final (proof) →
/// server-final (server signature). Messages are ASCII attribute lists. Like PostgreSQL, the
/// user name inside the SCRAM message is ignored (the StartupMessage named the user), and an
/// exchange for an unknown user runs against a made-up verifier, so a guesser cannot tell a
/// missing user from a wrong password.
/// </summary>
public sealed class ScramServerExchange
{
    /// <summary>Random bytes in the server's part of the nonce.</summary>
    private const int ServerNonceBytes = 18;

    /// <summary>The verifier checked against (a made-up one for an unknown user).</summary>
    private readonly ScramVerifier _verifier;

    /// <summary>Whether the user exists; a made-up verifier never authenticates.</summary>
    private readonly bool _userExists;

    /// <summary>client-first-message-bare, kept for the AuthMessage.</summary>
    private string? _clientFirstBare;

    /// <summary>The GS2 header the client sent ("n,," or "y,,"); client-final must echo it base64-encoded.</summary>
    private string? _gs2Header;

    /// <summary>The server-first-message, kept for the AuthMessage.</summary>
    private string? _serverFirst;

    /// <summary>client nonce + server nonce.</summary>
    private string? _nonce;

    /// <summary>Starts an exchange against <paramref name="verifier"/>, or a made-up one when null (unknown user).</summary>
    /// <param name="verifier">The user's verifier, or null.</param>
    /// <param name="mockSalt">Salt of the made-up verifier: derive it from the user name and a server secret, so repeated attempts see the same salt as for a real user.</param>
    public ScramServerExchange(ScramVerifier? verifier, byte[] mockSalt)
    {
        _userExists = verifier is not null;
        _verifier = verifier ?? new ScramVerifier(mockSalt, ScramVerifier.DefaultIterations, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>
    /// Reads client-first-message and returns server-first-message.
    /// </summary>
    /// <exception cref="PgProtocolException">Malformed message, or channel binding asked for (we offer none).</exception>
    public byte[] HandleClientFirst(ReadOnlySpan<byte> message)
    {
        string text = Ascii(message);

        // gs2-header: cbind-flag "," [authzid] ","
        int first = text.IndexOf(',', StringComparison.Ordinal);
        int second = first < 0 ? -1 : text.IndexOf(',', first + 1);
        if (first != 1 || second < 0)
        {
            throw Malformed("malformed SCRAM message (missing GS2 header)");
        }

        switch (text[0])
        {
            case 'n':
            case 'y':
                break;
            case 'p':
                throw Malformed("channel binding is not supported: the server offered SCRAM-SHA-256 only");
            default:
                throw Malformed("malformed SCRAM message (unexpected channel-binding flag)");
        }

        if (second != first + 1)
        {
            throw Malformed("client uses authorization identity, but it is not supported");
        }

        _gs2Header = text[..(second + 1)];
        _clientFirstBare = text[(second + 1)..];
        string? clientNonce = null;
        foreach (string attribute in _clientFirstBare.Split(','))
        {
            if (attribute.StartsWith("r=", StringComparison.Ordinal))
            {
                clientNonce = attribute[2..];
            }
            else if (attribute.StartsWith("m=", StringComparison.Ordinal))
            {
                throw Malformed("SCRAM extensions are not supported");
            }
        }

        if (string.IsNullOrEmpty(clientNonce) || clientNonce.Contains(',', StringComparison.Ordinal))
        {
            throw Malformed("malformed SCRAM message (missing nonce)");
        }

        _nonce = clientNonce + Convert.ToBase64String(RandomNumberGenerator.GetBytes(ServerNonceBytes));
        _serverFirst = $"r={_nonce},s={Convert.ToBase64String(_verifier.Salt)},i={_verifier.Iterations}";
        return Encoding.ASCII.GetBytes(_serverFirst);
    }

    /// <summary>
    /// Reads client-final-message; true with server-final-message when the proof is right,
    /// false (and no message) when it is not.
    /// </summary>
    /// <exception cref="PgProtocolException">Malformed message, or out of order.</exception>
    public bool HandleClientFinal(ReadOnlySpan<byte> message, out byte[]? serverFinal)
    {
        serverFinal = null;
        if (_serverFirst is null || _nonce is null || _gs2Header is null)
        {
            throw Malformed("SCRAM client-final-message before client-first-message");
        }

        string text = Ascii(message);
        int proofAt = text.LastIndexOf(",p=", StringComparison.Ordinal);
        if (proofAt < 0)
        {
            throw Malformed("malformed SCRAM message (missing proof)");
        }

        string withoutProof = text[..proofAt];
        string? binding = null;
        string? nonce = null;
        foreach (string attribute in withoutProof.Split(','))
        {
            if (attribute.StartsWith("c=", StringComparison.Ordinal))
            {
                binding = attribute[2..];
            }
            else if (attribute.StartsWith("r=", StringComparison.Ordinal))
            {
                nonce = attribute[2..];
            }
        }

        if (binding != Convert.ToBase64String(Encoding.ASCII.GetBytes(_gs2Header)))
        {
            throw Malformed("SCRAM channel binding check failed");
        }

        if (nonce != _nonce)
        {
            throw Malformed("malformed SCRAM message (nonce does not match)");
        }

        byte[] proof;
        try
        {
            proof = Convert.FromBase64String(text[(proofAt + 3)..]);
        }
        catch (FormatException)
        {
            throw Malformed("malformed SCRAM message (invalid proof encoding)");
        }

        if (proof.Length != 32)
        {
            throw Malformed("malformed SCRAM message (invalid proof length)");
        }

        byte[] authMessage = Encoding.ASCII.GetBytes($"{_clientFirstBare},{_serverFirst},{withoutProof}");
        byte[] clientSignature = HMACSHA256.HashData(_verifier.StoredKey, authMessage);

        // ClientKey = proof XOR ClientSignature; the client knew the password iff H(ClientKey) = StoredKey.
        Span<byte> clientKey = stackalloc byte[32];
        for (int i = 0; i < 32; i++)
        {
            clientKey[i] = (byte)(proof[i] ^ clientSignature[i]);
        }

        Span<byte> stored = stackalloc byte[32];
        SHA256.HashData(clientKey, stored);
        if (!CryptographicOperations.FixedTimeEquals(stored, _verifier.StoredKey) || !_userExists)
        {
            return false;
        }

        byte[] serverSignature = HMACSHA256.HashData(_verifier.ServerKey, authMessage);
        serverFinal = Encoding.ASCII.GetBytes("v=" + Convert.ToBase64String(serverSignature));
        return true;
    }

    /// <summary>The message as ASCII text; SCRAM messages are printable ASCII (the user name, ignored, may be UTF-8).</summary>
    private static string Ascii(ReadOnlySpan<byte> message) => Encoding.UTF8.GetString(message);

    /// <summary>A protocol violation (08P01), as PostgreSQL reports malformed SCRAM messages.</summary>
    private static PgProtocolException Malformed(string message) => new(message);
}
