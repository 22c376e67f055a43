using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using IOx.Pg.Compat;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Messages.Frontend;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Server.PgWire;

/// <summary>The startup phase: TLS (or its refusal), GSS refusal, cancel requests, StartupMessage, authentication, session parameters.</summary>
internal sealed partial class PgConnection
{
    /// <summary>The server_version reported; drivers parse it, so it is a plain PostgreSQL version.</summary>
    public const string ServerVersion = Compat.Settings.SettingsCatalog.ServerVersion;

    /// <summary>Session statements, settings and functions (stateless, shared by every connection); TimeZone values are checked with the zone rules output uses.</summary>
    private static readonly CompatExtension s_compat = new(static zone => PgTimeZone.TryResolve(zone, out _));

    /// <summary>The database that always exists.</summary>
    public const string DefaultDatabase = "postgres";

    /// <summary>
    /// Runs the startup phase. True when the session is ready for queries; false when the
    /// connection should just close (a cancel request, a client that left, a FATAL already sent).
    /// </summary>
    private async ValueTask<bool> StartupAsync()
    {
        bool sslAnswered = false;
        bool gssAnswered = false;
        while (true)
        {
            byte[]? packet = await ReadStartupPacketAsync().ConfigureAwait(false);
            if (packet is null)
            {
                return false;
            }

            switch (StartupPacket.Classify(packet))
            {
                case StartupPacketKind.SslRequest when !sslAnswered:
                    sslAnswered = true;
                    if (_security.TlsCertificate is not null)
                    {
                        await StartTlsAsync().ConfigureAwait(false);
                    }
                    else
                    {
                        await RefuseEncryptionAsync().ConfigureAwait(false);
                    }

                    continue;
                case StartupPacketKind.GssEncRequest when !gssAnswered:
                    gssAnswered = true;
                    await RefuseEncryptionAsync().ConfigureAwait(false);
                    continue;
                case StartupPacketKind.SslRequest:
                case StartupPacketKind.GssEncRequest:
                    throw new PgProtocolException("duplicate encryption request");
                case StartupPacketKind.CancelRequest:
                    // No reply, as PostgreSQL: the requester learns nothing about other sessions.
                    _listener.TryCancel(CancelRequest.Parse(packet));
                    return false;
                default:
                    return await StartSessionAsync(StartupMessage.Parse(packet)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads one whole startup-phase packet body (copied: it is small and rare), or null at end of stream.</summary>
    private async ValueTask<byte[]?> ReadStartupPacketAsync()
    {
        while (true)
        {
            ReadResult read = await _reader.ReadAsync(_stopping).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = read.Buffer;
            if (PgFrameReader.TryReadStartupPacket(buffer, out PgFrame frame))
            {
                byte[] body = frame.Body.ToArray();
                _reader.AdvanceTo(buffer.GetPosition(frame.FrameLength));
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

    /// <summary>Answers SSLRequest/GSSENCRequest with 'N' (no encryption); the client then sends its StartupMessage in the clear.</summary>
    private async ValueTask RefuseEncryptionAsync()
    {
        _output.WriteByte((byte)'N');
        await FlushAsync(_stopping).ConfigureAwait(false);
    }

    /// <summary>Checks the user, authenticates, checks the database, reports parameters and key data. False after a FATAL or when the client left.</summary>
    private async ValueTask<bool> StartSessionAsync(StartupMessage startup)
    {
        string? user = startup.Get("user");
        if (string.IsNullOrEmpty(user))
        {
            await TrySendFatalAsync(SqlState.InvalidAuthorizationSpecification, "no PostgreSQL user name specified in startup packet").ConfigureAwait(false);
            return false;
        }

        // As PostgreSQL: authentication comes first, so an unauthenticated client learns nothing about databases.
        if (!await AuthenticateAsync(user).ConfigureAwait(false))
        {
            return false;
        }

        string database = startup.Get("database") is { Length: > 0 } named ? named : user;
        if (database != DefaultDatabase && !_storage.TryGetDatabase(database, out _))
        {
            await TrySendFatalAsync(SqlState.InvalidCatalogName, $"database \"{database}\" does not exist").ConfigureAwait(false);
            return false;
        }

        var session = new Session(database, user)
        {
            Extension = s_compat,
            ProcessId = ProcessId,
            ServerPort = (_socket.LocalEndPoint as System.Net.IPEndPoint)?.Port,
            Registry = _engine.Sessions,
        };
        if (!ApplyStartupSettings(startup, session, out SqlException? badSetting))
        {
            await TrySendFatalAsync(badSetting.SqlState, badSetting.Message).ConfigureAwait(false);
            return false;
        }

        session.CaptureResetValues();
        var remote = _socket.RemoteEndPoint as System.Net.IPEndPoint;
        session.Activity = new SessionActivity(session, remote?.Address.ToString(), remote?.Port, _acceptedNanoseconds);
        _engine.Sessions.Add(session.Activity);

        _session = session;
        if (startup.MinorVersion > 0 || startup.ProtocolOptions.Count > 0)
        {
            NegotiateProtocolVersion.Write(_output, 0, startup.ProtocolOptions);
        }

        AuthenticationOk.Write(_output);
        foreach (string name in ReportedParameters.Names)
        {
            string value = ReportedParameters.ValueOf(name, session);
            ParameterStatus.Write(_output, name, value);
            _reported[name] = value;
        }

        BackendKeyData.Write(_output, ProcessId, SecretKey);
        ReadyForQuery.Write(_output, TransactionStatus.Idle);
        await FlushAsync(_stopping).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Applies startup parameters (and "-c name=value" / "--name=value" items of "options") as
    /// SET would, so an unknown name (42704) or a bad value (22023, a TimeZone we cannot resolve)
    /// fails the connection as in PostgreSQL. client_encoding is always UTF8 whatever the client
    /// asks (libpq sends its locale's encoding; we only speak UTF-8 and say so in ParameterStatus).
    /// </summary>
    private static bool ApplyStartupSettings(StartupMessage startup, Session session, [NotNullWhen(false)] out SqlException? error)
    {
        error = null;
        var items = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, string> parameter in startup.Parameters)
        {
            switch (parameter.Key)
            {
                case "user":
                case "database":
                case "replication":
                case "client_encoding":
                    break;
                case "options":
                    ApplyOptions(parameter.Value, items);
                    break;
                default:
                    items.Add(parameter);
                    break;
            }
        }

        try
        {
            foreach (KeyValuePair<string, string> item in items)
            {
                s_compat.Settings.ApplyStartup(session, item.Key, item.Value);
            }
        }
        catch (SqlException ex)
        {
            error = ex;
            return false;
        }

        return true;
    }

    /// <summary>Applies the "-c name=value" and "--name=value" switches of the startup "options" parameter.</summary>
    private static void ApplyOptions(string options, List<KeyValuePair<string, string>> items)
    {
        string[] words = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
        {
            string? item = null;
            if (words[i] == "-c" && i + 1 < words.Length)
            {
                item = words[++i];
            }
            else if (words[i].StartsWith("-c", StringComparison.Ordinal) && words[i].Length > 2)
            {
                item = words[i][2..];
            }
            else if (words[i].StartsWith("--", StringComparison.Ordinal))
            {
                item = words[i][2..];
            }

            int equals = item?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (item is not null && equals > 0)
            {
                items.Add(new KeyValuePair<string, string>(item[..equals].Replace('-', '_').ToLowerInvariant(), item[(equals + 1)..]));
            }
        }
    }
}
