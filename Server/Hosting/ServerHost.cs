using System.Net;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Server.Http;
using IOx.Pg.Server.PgWire;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.Wal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Server.Hosting;

/// <summary>
/// One running IOx.Pg server: the storage, the SQL engine, the HTTP listener (Kestrel: line-protocol
/// writes and /health) and the PostgreSQL wire listener. Tests host it in-process; the ioxpg
/// executable wraps it with signal handling.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    /// <summary>The database that always exists, as in PostgreSQL, so clients' default connect works.</summary>
    public const string DefaultDatabase = "postgres";

    /// <summary>The configuration.</summary>
    private readonly ServerOptions _options;

    /// <summary>Creates loggers for every component.</summary>
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>This class's log.</summary>
    private readonly ILogger _log;

    /// <summary>The HTTP application; null until started.</summary>
    private WebApplication? _http;

    /// <summary>The pgwire listener; null until started.</summary>
    private PgWireListener? _pg;

    /// <summary>The write-ahead log; null until started and after stopping.</summary>
    private WalWriter? _wal;

    /// <summary>What the start-up replay did; null until started.</summary>
    private WalReplayResult? _replayed;

    /// <summary>Creates a server; nothing listens until <see cref="StartAsync"/>.</summary>
    public ServerHost(ServerOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _log = loggerFactory.CreateLogger("IOx.Pg.Server");
        Storage = new StorageBuffer();
        Storage.GetOrCreateDatabase(DefaultDatabase);
        Engine = new QueryEngine(Storage);
    }

    /// <summary>The in-memory storage.</summary>
    public StorageBuffer Storage { get; }

    /// <summary>The SQL engine.</summary>
    public QueryEngine Engine { get; }

    /// <summary>The write-ahead log while the server runs.</summary>
    public WalWriter? Wal => _wal;

    /// <summary>The bound pgwire address (the real port when configured with port 0).</summary>
    public IPEndPoint PgEndPoint => _pg?.LocalEndPoint ?? throw new InvalidOperationException("server not started");

    /// <summary>The bound HTTP address (the real port when configured with port 0).</summary>
    public IPEndPoint HttpEndPoint { get; private set; } = new(IPAddress.None, 0);

    /// <summary>
    /// Replays the WAL into the storage, then starts both listeners and logs one line once both
    /// accept connections.
    /// </summary>
    /// <exception cref="WalCorruptException">The WAL is damaged beyond a torn tail and recovery was not asked for.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.DataDir);
        var writer = new DurableLineWriter(Storage, ReplayWal());

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(_options.HttpListen);
            kestrel.AddServerHeader = false;
            // The write endpoints enforce their own, configurable limit (413) and count gzip-inflated bytes too.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        WebApplication http = builder.Build();
        http.MapGet("/health", static () => Results.Json(new HealthResponse("pass", "ready for queries and writes")));
        http.MapGet("/ping", static (HttpContext context) =>
        {
            context.Response.Headers["X-Influxdb-Version"] = "1.8.10";
            return Results.NoContent();
        });
        http.MapInfluxWriteEndpoints(writer, new WriteEndpointOptions { MaxBodyBytes = _options.MaxWriteBodyBytes });
        await http.StartAsync(cancellationToken).ConfigureAwait(false);
        _http = http;
        HttpEndPoint = BoundHttpEndPoint(http);

        var pg = new PgWireListener(_options.PgListen, Engine, Storage, _loggerFactory.CreateLogger("IOx.Pg.PgWire"), PgSecurityFactory.Create(_options));
        await pg.StartAsync(cancellationToken).ConfigureAwait(false);
        _pg = pg;

        // The ready line stays the first line logged (after any WAL repair warnings): the replay summary rides on it.
        _log.LogInformation(
            "IOx.Pg ready: postgres wire on {Pg}, http on {Http}, data in {DataDir}, replayed {Records} WAL records from {Segments} segments",
            PgEndPoint,
            HttpEndPoint,
            Path.GetFullPath(_options.DataDir),
            _replayed?.Records ?? 0,
            _replayed?.Segments ?? 0);
    }

    /// <summary>Stops accepting, closes connections and stops both listeners.</summary>
    public async Task StopAsync()
    {
        if (_pg is not null)
        {
            await _pg.StopAsync().ConfigureAwait(false);
            _pg = null;
        }

        if (_http is not null)
        {
            await _http.StopAsync().ConfigureAwait(false);
            await _http.DisposeAsync().ConfigureAwait(false);
            _http = null;
        }

        // After the listeners: requests still draining wait for their fsync, which needs the flusher.
        if (_wal is not null)
        {
            _wal.Dispose();
            _log.LogInformation("WAL closed: {Records} records in {Fsyncs} commit groups, {Segments} new segments", _wal.RecordsAppended, _wal.FsyncCount, _wal.SegmentsCreated);
            _wal = null;
        }
    }

    /// <summary>Replays every WAL segment into the storage (in log order) and opens the log for appending.</summary>
    private WalWriter ReplayWal()
    {
        string directory = Path.Combine(_options.DataDir, "wal");
        var buffers = new LineParserBuffers();
        WalReplayResult replay = WalReplayer.Replay(directory, _options.WalRecover, (in WalRecord record) => DurableLineWriter.Replay(Storage, in record, buffers, directory));
        foreach (string warning in replay.Warnings)
        {
            _log.LogWarning("{Warning}", warning);
        }

        _replayed = replay;
        _wal = new WalWriter(
            new WalOptions { Directory = directory, FlushInterval = _options.WalFlushInterval, SegmentMaxBytes = _options.WalSegmentMaxBytes },
            replay.NextSequence);
        return _wal;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>The address Kestrel actually bound (resolves port 0).</summary>
    private static IPEndPoint BoundHttpEndPoint(WebApplication http)
    {
        string address = http.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address);
        return new IPEndPoint(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port);
    }

    /// <summary>The body of GET /health, shaped like InfluxDB's.</summary>
    private sealed record HealthResponse(string Status, string Message);
}
