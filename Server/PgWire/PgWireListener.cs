using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.PgWire.Messages.Frontend;
using Microsoft.Extensions.Logging;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// The PostgreSQL wire-protocol listener: accepts TCP clients on a socket and serves each on its
/// own <see cref="PgConnection"/>, concurrently. Authentication and TLS follow its
/// <see cref="PgSecurity"/> (trust and no TLS by default); the database named at startup must
/// exist in the write buffer ("postgres" always does).
/// </summary>
public sealed class PgWireListener : IAsyncDisposable
{
    /// <summary>Where to listen.</summary>
    private readonly IPEndPoint _endPoint;

    /// <summary>The SQL engine.</summary>
    private readonly QueryEngine _engine;

    /// <summary>The databases.</summary>
    private readonly StorageBuffer _storage;

    /// <summary>The log.</summary>
    private readonly ILogger _logger;

    /// <summary>Authentication method, roles and TLS certificate.</summary>
    private readonly PgSecurity _security;

    /// <summary>The write path COPY FROM STDIN uses, or null (then it is 0A000).</summary>
    private readonly PgCopyInWriter? _copyInWriter;

    /// <summary>Cancelled by <see cref="StopAsync"/>: stops accepting and ends every session.</summary>
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Live connections by process id, with the task serving each.</summary>
    private readonly ConcurrentDictionary<int, (PgConnection Connection, Task Task)> _connections = new();

    /// <summary>The listening socket, once started.</summary>
    private Socket? _socket;

    /// <summary>The address actually bound (port 0 resolved), once started.</summary>
    private IPEndPoint? _boundEndPoint;

    /// <summary>The accept loop, once started.</summary>
    private Task? _acceptLoop;

    /// <summary>The last process id handed out.</summary>
    private int _lastProcessId = 1000;

    /// <summary>Creates a listener; nothing happens until <see cref="StartAsync"/>.</summary>
    public PgWireListener(IPEndPoint endPoint, QueryEngine engine, StorageBuffer storage, ILogger logger, PgSecurity? security = null, PgCopyInWriter? copyInWriter = null)
    {
        _security = security ?? PgSecurity.Default;
        _copyInWriter = copyInWriter;
        _endPoint = endPoint;
        _engine = engine;
        _storage = storage;
        _logger = logger;
    }

    /// <summary>The bound address (port 0 resolved), after start.</summary>
    public IPEndPoint LocalEndPoint => _boundEndPoint ?? throw new InvalidOperationException("listener not started");

    /// <summary>The bound port, after start.</summary>
    public int Port => LocalEndPoint.Port;

    /// <summary>Number of connections being served.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Whether the connection with BackendKeyData process id <paramref name="processId"/> is being served.</summary>
    public bool HasConnection(int processId) => _connections.ContainsKey(processId);

    /// <summary>Binds, listens and starts accepting; returns once the port is bound.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            throw new InvalidOperationException("listener already started");
        }

        cancellationToken.ThrowIfCancellationRequested();
        _storage.GetOrCreateDatabase(PgConnection.DefaultDatabase);
        var socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (_endPoint.AddressFamily == AddressFamily.InterNetworkV6 && _endPoint.Address.Equals(IPAddress.IPv6Any))
        {
            socket.DualMode = true;
        }

        socket.Bind(_endPoint);
        socket.Listen(512);
        _socket = socket;
        _boundEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync(socket);
        _logger.LogDebug("pgwire listening on {EndPoint}", socket.LocalEndPoint);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, ends every session (FATAL 57P01) and waits for them to close.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        var tasks = new List<Task>();
        foreach ((PgConnection _, Task task) in _connections.Values)
        {
            tasks.Add(task);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Stops the listener.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Acts on a CancelRequest: cancels the statement running on the connection it names, if the key matches.</summary>
    internal void TryCancel(CancelRequest request)
    {
        if (_connections.TryGetValue(request.ProcessId, out (PgConnection Connection, Task Task) entry)
            && entry.Connection.SecretKey == request.SecretKey)
        {
            entry.Connection.CancelRunningQuery();
        }
    }

    /// <summary>Accepts clients until stopped; each is served on its own task.</summary>
    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || (ex is SocketException && _stop.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException ex)
            {
                // A client that reset before accept completed; the listener itself is fine.
                _logger.LogDebug(ex, "pgwire accept failed");
                continue;
            }

            client.NoDelay = true;
            int processId = Interlocked.Increment(ref _lastProcessId);
            var connection = new PgConnection(client, _engine, _storage, this, _security, _copyInWriter, _logger, processId, RandomNumberGenerator.GetInt32(int.MaxValue), _stop.Token);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task task = ServeAsync(connection, started.Task);
            _connections[processId] = (connection, task);
            started.SetResult();
        }
    }

    /// <summary>Serves one connection, then forgets it. Never throws.</summary>
    private async Task ServeAsync(PgConnection connection, Task registered)
    {
        await registered.ConfigureAwait(false);
        _logger.LogDebug("pgwire connection {ProcessId} opened", connection.ProcessId);
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection.ProcessId, out _);
            _logger.LogDebug("pgwire connection {ProcessId} closed", connection.ProcessId);
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                _logger.LogDebug(ex, "pgwire connection {ProcessId} did not close cleanly", connection.ProcessId);
            }
        }
    }
}
