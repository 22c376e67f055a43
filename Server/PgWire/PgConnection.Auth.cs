using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Auth;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Messages.Frontend;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// Password authentication after the StartupMessage: cleartext, md5 or SCRAM-SHA-256 as
/// configured. Every failure reads the same (28P01 "password authentication failed for user"),
/// whether the user is unknown or the password wrong, as PostgreSQL.
/// </summary>
internal sealed partial class PgConnection
{
    /// <summary>Largest password message accepted; real ones are well under 1 KiB.</summary>
    private const int MaxPasswordMessageBytes = 8 * 1024;

    /// <summary>
    /// Authenticates <paramref name="user"/> by the configured method. True when the session may
    /// go on; false when the client left or a FATAL was sent.
    /// </summary>
    private async ValueTask<bool> AuthenticateAsync(string user)
    {
        _security.Roles.TryGet(user, out PgRole? role);
        bool ok;
        switch (_security.AuthMethod)
        {
            case PgAuthMethod.Trust:
                return true;
            case PgAuthMethod.Password:
                ok = await CleartextAsync(role).ConfigureAwait(false) ?? false;
                break;
            case PgAuthMethod.Md5 when role is null || role.Md5Hash is not null:
                ok = await Md5Async(user, role).ConfigureAwait(false) ?? false;
                break;
            default:
                ok = await ScramAsync(user, role).ConfigureAwait(false) ?? false;
                break;
        }

        if (!ok)
        {
            await TrySendFatalAsync(SqlState.InvalidPassword, $"password authentication failed for user \"{user}\"").ConfigureAwait(false);
        }

        return ok;
    }

    /// <summary>Cleartext: the password is checked against the SCRAM verifier (recomputed with its salt). Null when the client left.</summary>
    private async ValueTask<bool?> CleartextAsync(PgRole? role)
    {
        AuthenticationRequest.WriteCleartextPassword(_output);
        await FlushAsync(_stopping).ConfigureAwait(false);
        byte[]? body = await ReadPasswordMessageAsync().ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        string password = PasswordMessage.ParsePassword(body);
        if (role is null || password.Length == 0)
        {
            return false;
        }

        ScramVerifier check = ScramVerifier.Create(password, role.Verifier.Salt, role.Verifier.Iterations);
        return CryptographicOperations.FixedTimeEquals(check.StoredKey, role.Verifier.StoredKey);
    }

    /// <summary>md5: a random salt, then the client's hash of hash. Null when the client left.</summary>
    private async ValueTask<bool?> Md5Async(string user, PgRole? role)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(4);
        AuthenticationRequest.WriteMd5Password(_output, salt);
        await FlushAsync(_stopping).ConfigureAwait(false);
        byte[]? body = await ReadPasswordMessageAsync().ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        string response = PasswordMessage.ParsePassword(body);
        string hash = role?.Md5Hash ?? Md5Password.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)), user);
        return Md5Password.Verify(hash, salt, response) && role is not null;
    }

    /// <summary>SCRAM-SHA-256: SASL offer, client-first, server-first, client-final, server-final. Null when the client left.</summary>
    private async ValueTask<bool?> ScramAsync(string user, PgRole? role)
    {
        AuthenticationRequest.WriteSasl(_output, ScramVerifier.Mechanism);
        await FlushAsync(_stopping).ConfigureAwait(false);
        byte[]? body = await ReadPasswordMessageAsync().ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        (string mechanism, byte[] clientFirst) = PasswordMessage.ParseSaslInitialResponse(body);
        if (mechanism != ScramVerifier.Mechanism)
        {
            throw new PgProtocolException("client selected an invalid SASL authentication mechanism");
        }

        var exchange = new ScramServerExchange(role?.Verifier, _security.Roles.MockSalt(user));
        AuthenticationRequest.WriteSaslContinue(_output, exchange.HandleClientFirst(clientFirst));
        await FlushAsync(_stopping).ConfigureAwait(false);
        body = await ReadPasswordMessageAsync().ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        if (!exchange.HandleClientFinal(body, out byte[]? serverFinal))
        {
            return false;
        }

        AuthenticationRequest.WriteSaslFinal(_output, serverFinal);
        return true;
    }

    /// <summary>The length word of the message at the start of <paramref name="buffer"/> (at least 5 bytes).</summary>
    private static int DeclaredLength(ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[5];
        buffer.Slice(0, 5).CopyTo(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header[1..]);
    }

    /// <summary>Reads the client's next message, which must be a password message ('p'); its body, or null at end of stream.</summary>
    private async ValueTask<byte[]?> ReadPasswordMessageAsync()
    {
        while (true)
        {
            ReadResult read = await _reader.ReadAsync(_stopping).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = read.Buffer;
            if (buffer.Length >= 5)
            {
                // Refuse a huge declared length before buffering it: the client is not authenticated yet.
                int declared = DeclaredLength(buffer);
                if (declared > MaxPasswordMessageBytes)
                {
                    throw new PgProtocolException("invalid password packet size");
                }
            }

            if (PgFrameReader.TryReadMessage(buffer, out PgFrame frame))
            {
                byte code = frame.Code;
                byte[] body = frame.Body.ToArray();
                _reader.AdvanceTo(buffer.GetPosition(frame.FrameLength));
                if (code != FrontendCode.PasswordMessage)
                {
                    throw new PgProtocolException($"expected password response, got message type {code}");
                }

                return body;
            }

            if (read.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                return null;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
