using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Errors;
using Microsoft.Extensions.Logging;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// One client connection: startup, then the simple and extended query protocols over
/// System.IO.Pipelines. Messages are handled one at a time in arrival order; replies are built
/// in a pooled send buffer and flushed at ReadyForQuery, Flush, or when the buffer passes
/// <see cref="PgRowWriter.FlushThreshold"/> while rows stream. Errors go through one ladder
/// (<see cref="ReportStatementError"/> for statement errors, <see cref="RunAsync"/> for the
/// session): reply and go on, or end the session.
/// </summary>
internal sealed partial class PgConnection : IAsyncDisposable
{
    /// <summary>The client socket.</summary>
    private readonly Socket _socket;

    /// <summary>How long the last words of a session may wait for a client that does not read.</summary>
    private static readonly TimeSpan s_fatalFlushTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The socket as a stream, under the pipes.</summary>
    private readonly NetworkStream _stream;

    /// <summary>Received bytes (rebuilt over the TLS stream once TLS is negotiated).</summary>
    private PipeReader _reader;

    /// <summary>Bytes to send (rebuilt over the TLS stream once TLS is negotiated).</summary>
    private PipeWriter _writer;

    /// <summary>Authentication method, roles and TLS certificate.</summary>
    private readonly PgSecurity _security;

    /// <summary>The durable write path for COPY FROM STDIN, or null when this listener has none.</summary>
    private readonly PgCopyInWriter? _copyInWriter;

    /// <summary>Replies being built; copied into <see cref="_writer"/> at each flush.</summary>
    private readonly PgWriteBuffer _output = new(16 * 1024);

    /// <summary>The SQL engine shared by all connections.</summary>
    private readonly QueryEngine _engine;

    /// <summary>The databases a client may connect to.</summary>
    private readonly StorageBuffer _storage;

    /// <summary>The listener, for cancel requests aimed at other connections.</summary>
    private readonly PgWireListener _listener;

    /// <summary>Where errors not meant for the client are logged.</summary>
    private readonly ILogger _logger;

    /// <summary>Cancelled when the server stops: the session ends with FATAL 57P01.</summary>
    private readonly CancellationToken _stopping;

    /// <summary>Prepared statements by name ("" = unnamed).</summary>
    private readonly Dictionary<string, PreparedStatement> _statements = new(StringComparer.Ordinal);

    /// <summary>Portals by name ("" = unnamed).</summary>
    private readonly Dictionary<string, Portal> _portals = new(StringComparer.Ordinal);

    /// <summary>Cached handler delegates, so dispatching a message allocates none.</summary>
    private readonly Action<Protocol.PgWire.Messages.Frontend.ParseMessage> _handleParse;

    /// <summary>Cached Bind handler.</summary>
    private readonly Action<Protocol.PgWire.Messages.Frontend.BindMessage> _handleBind;

    /// <summary>Cached Describe handler.</summary>
    private readonly Action<Protocol.PgWire.Messages.Frontend.DescribeMessage> _handleDescribe;

    /// <summary>Cached Close handler.</summary>
    private readonly Action<Protocol.PgWire.Messages.Frontend.CloseMessage> _handleClose;

    /// <summary>The ParameterStatus values last reported, to report changes after a statement.</summary>
    private readonly Dictionary<string, string> _reported = new(StringComparer.Ordinal);

    /// <summary>Streams DataRows into <see cref="_output"/>.</summary>
    private readonly PgRowWriter _rows;

    /// <summary>The flush hook handed to <see cref="_rows"/> (one delegate per connection, not per result).</summary>
    private readonly Func<CancellationToken, ValueTask> _flush;

    /// <summary>Copy target for message bodies that straddle pipe segments.</summary>
    private byte[] _bodyScratch = new byte[1024];

    /// <summary>Cancels the running statement: linked to <see cref="_stopping"/>, replaced after each user cancel (read by the canceller's thread).</summary>
    private CancellationTokenSource _queryCancel;

    /// <summary>Whether a statement is running (a CancelRequest only acts then).</summary>
    private volatile bool _queryRunning;

    /// <summary>The session, set once startup succeeds.</summary>
    private Session? _session;

    /// <summary>Whether an extended-protocol error happened: messages are skipped until Sync.</summary>
    private bool _skipUntilSync;

    /// <summary>When the running statement's statement_timeout expires (Environment.TickCount64), or 0 when it has none.</summary>
    private long _statementDeadline;

    /// <summary>The session's <see cref="Session.DiscardGeneration"/> last acted on.</summary>
    private int _discardGeneration;

    /// <summary>The session TimeZone setting <see cref="_zone"/> was resolved from.</summary>
    private string _zoneSetting = "UTC";

    /// <summary>The resolved session time zone for timestamptz text.</summary>
    private PgTimeZone _zone = PgTimeZone.Utc;

    /// <summary>When the socket was accepted (ns since the epoch, UTC): pg_stat_activity.backend_start.</summary>
    private readonly long _acceptedNanoseconds = NowNanoseconds();

    /// <summary>Creates a connection over an accepted socket.</summary>
    public PgConnection(Socket socket, QueryEngine engine, StorageBuffer storage, PgWireListener listener, PgSecurity security, PgCopyInWriter? copyInWriter, ILogger logger, int processId, int secretKey, CancellationToken stopping)
    {
        _security = security;
        _copyInWriter = copyInWriter;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        _writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        _engine = engine;
        _storage = storage;
        _listener = listener;
        _logger = logger;
        ProcessId = processId;
        SecretKey = secretKey;
        _stopping = stopping;
        _queryCancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _rows = new PgRowWriter(_output);
        // Row streaming flushes with the session's token, never the statement's: a write to the
        // socket cancelled half-way (statement_timeout, CancelRequest) would leave a torn message
        // on the wire. The statement is still cancelled between chunks by the row writer.
        _flush = _ => FlushAsync(_stopping);
        _handleParse = HandleParse;
        _handleBind = HandleBind;
        _handleDescribe = HandleDescribe;
        _handleClose = HandleClose;
    }

    /// <summary>The process id sent in BackendKeyData.</summary>
    public int ProcessId { get; }

    /// <summary>The secret key sent in BackendKeyData.</summary>
    public int SecretKey { get; }

    /// <summary>Serves the connection until the client leaves, a FATAL error, or server stop. Never throws.</summary>
    public async Task RunAsync()
    {
        try
        {
            if (await StartupAsync().ConfigureAwait(false))
            {
                await MessageLoopAsync().ConfigureAwait(false);
            }
        }
        catch (PgProtocolException ex)
        {
            await TrySendFatalAsync(ex.SqlState, ex.Message).ConfigureAwait(false);
        }
        catch (SqlException ex)
        {
            // Outside a statement (a malformed startup packet): nothing to go back to.
            await TrySendFatalAsync(ex.SqlState, ex.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            await TrySendFatalAsync(SqlState.AdminShutdown, "terminating connection due to administrator command").ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionLoss(ex))
        {
            _logger.LogDebug(ex, "pgwire connection {ProcessId} lost", ProcessId);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "pgwire connection {ProcessId} failed", ProcessId);
            await TrySendFatalAsync(SqlState.InternalError, "internal error").ConfigureAwait(false);
        }
    }

    /// <summary>Cancels the running statement, if any (CancelRequest from another connection).</summary>
    public void CancelRunningQuery()
    {
        if (_queryRunning)
        {
            try
            {
                Volatile.Read(ref _queryCancel).Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The statement ended and its token was replaced meanwhile: nothing left to cancel.
            }
        }
    }

    /// <summary>Closes the pipes and the socket; drops every portal.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            _engine.Sessions.Remove(ProcessId);
        }

        foreach (Portal portal in _portals.Values)
        {
            portal.Dispose();
        }

        _portals.Clear();
        CloseCursors(holdToo: true);
        foreach (PreparedStatement statement in _statements.Values)
        {
            DisposeResult(statement.PendingResult);
        }

        await _reader.CompleteAsync().ConfigureAwait(false);
        await _writer.CompleteAsync().ConfigureAwait(false);
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone; closing below is all that is left.
        }

        if (_tls is not null)
        {
            await _tls.DisposeAsync().ConfigureAwait(false);
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _queryCancel.Dispose();
        _output.Dispose();
    }

    /// <summary>
    /// The statement-level rung of the catch ladder: writes an ERROR for <paramref name="ex"/> and
    /// returns true (the session goes on), or returns false for errors that end the session
    /// (protocol violations, lost connection, server stop), which the caller rethrows.
    /// The engine reports positions in the whole query string (SqlException's contract), so they go
    /// out unchanged, also for the second statement of a multi-statement query.
    /// </summary>
    private bool ReportStatementError(Exception ex)
    {
        _output.AbortMessage();

        // Any error inside a transaction block fails the block until ROLLBACK (PostgreSQL's 'E' state).
        _session?.MarkFailed();
        switch (ex)
        {
            case SqlException sql:
                ErrorResponse.Write(_output, PgSeverity.Error, sql.SqlState, sql.Message, sql.Detail, sql.Hint, sql.Position);
                return true;
            case PgProtocolException:
                return false;
            case OperationCanceledException when _stopping.IsCancellationRequested:
                return false;
            case OperationCanceledException when _queryCancel.IsCancellationRequested:
                bool timedOut = _statementDeadline != 0 && Environment.TickCount64 >= _statementDeadline;
                ErrorResponse.Write(_output, PgSeverity.Error, SqlState.QueryCanceled,
                    timedOut ? "canceling statement due to statement timeout" : "canceling statement due to user request");
                ResetQueryCancel();
                return true;
            case Exception when IsConnectionLoss(ex):
                return false;
            default:
                _logger.LogError(ex, "pgwire connection {ProcessId}: statement failed", ProcessId);
                ErrorResponse.Write(_output, PgSeverity.Error, SqlState.InternalError, "internal error");
                return true;
        }
    }

    /// <summary>Whether <paramref name="ex"/> means the peer is gone (nothing can be sent).</summary>
    private static bool IsConnectionLoss(Exception ex) =>
        ex is IOException or SocketException or ObjectDisposedException;

    /// <summary>Sends a FATAL error as the last words of the session, ignoring a peer that is already gone.</summary>
    private async Task TrySendFatalAsync(string sqlState, string message)
    {
        try
        {
            _output.AbortMessage();
            ErrorResponse.Write(_output, PgSeverity.Fatal, sqlState, message);

            // A client that stopped reading must not hold the session (or a server stop) open.
            using var timeout = new CancellationTokenSource(s_fatalFlushTimeout);
            await FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionLoss(ex) || ex is OperationCanceledException or InvalidOperationException)
        {
            _logger.LogDebug(ex, "pgwire connection {ProcessId}: FATAL not delivered", ProcessId);
        }
    }

    /// <summary>Sends everything in the output buffer.</summary>
    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_output.Length == 0)
        {
            return;
        }

        _writer.Write(_output.WrittenSpan);
        _output.Clear();
        FlushResult result = await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCompleted)
        {
            throw new IOException("client closed the connection");
        }
    }

    /// <summary>Replaces a cancelled statement token with a fresh one.</summary>
    private void ResetQueryCancel()
    {
        if (_queryCancel.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            CancellationTokenSource old = _queryCancel;
            Volatile.Write(ref _queryCancel, CancellationTokenSource.CreateLinkedTokenSource(_stopping));
            old.Dispose();
        }
    }

    /// <summary>Releases a result that will not be sent.</summary>
    private static void DisposeResult(QueryResult? result)
    {
        if (result?.Batches is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    /// <summary>The message body as one span (copied when it straddles segments).</summary>
    private ReadOnlySpan<byte> BodyOf(in PgFrame frame) => frame.GetBodySpan(ref _bodyScratch);

    /// <summary>The current time in nanoseconds since the Unix epoch (fixes now() for a statement).</summary>
    private static long NowNanoseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>The session; valid after startup.</summary>
    private Session CurrentSession => _session ?? throw new InvalidOperationException("session not started");
}
