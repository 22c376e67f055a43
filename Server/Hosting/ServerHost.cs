using System.Net;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Server.Http;
using IOx.Pg.Server.PgWire;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.ObjectStore;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.Wal;
using IOx.Pg.Storage.WriteBuffer;
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
public sealed partial class ServerHost : IAsyncDisposable
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

    /// <summary>The catalog; null until started and after stopping.</summary>
    private Catalog? _catalog;

    /// <summary>The object store holding Parquet files (local directory or S3); null until started.</summary>
    private IObjectStore? _objects;

    /// <summary>The write path (its cut gate seals the buffer for persists); null until started.</summary>
    private DurableLineWriter? _writer;

    /// <summary>Persists the buffer; null until started.</summary>
    private Persister? _persister;

    /// <summary>Stops the background persist loop.</summary>
    private CancellationTokenSource? _persistStop;

    /// <summary>The background loop persisting by size and age; null until started.</summary>
    private Task? _persistLoop;

    /// <summary>Expires files by retention and deletes objects past their grace period; null until started.</summary>
    private FileSweeper? _sweeper;

    /// <summary>Stops the background sweep loop.</summary>
    private CancellationTokenSource? _sweepStop;

    /// <summary>The background sweep loop; null until started.</summary>
    private Task? _sweepLoop;

    /// <summary>WAL records skipped at start-up because their rows are in persisted files.</summary>
    private long _skippedRecords;

    /// <summary>Unreferenced objects removed at start-up.</summary>
    private int _orphansRemoved;

    /// <summary>Creates a server; nothing listens until <see cref="StartAsync"/>.</summary>
    public ServerHost(ServerOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _log = loggerFactory.CreateLogger("IOx.Pg.Server");
        Storage = new StorageBuffer();
        Storage.GetOrCreateDatabase(DefaultDatabase);

        // After postgres: the server's own database keeps data forever unless altered.
        Storage.DefaultRetention = options.DefaultRetention;
        Engine = new QueryEngine(Storage);
    }

    /// <summary>The in-memory storage.</summary>
    public StorageBuffer Storage { get; }

    /// <summary>The SQL engine.</summary>
    public QueryEngine Engine { get; }

    /// <summary>The write-ahead log while the server runs.</summary>
    public WalWriter? Wal => _wal;

    /// <summary>The persister while the server runs (tests use its hooks).</summary>
    public Persister? Persister => _persister;

    /// <summary>The file sweeper while the server runs (tests run passes with it).</summary>
    public FileSweeper? Sweeper => _sweeper;

    /// <summary>Unreferenced Parquet objects removed at the last start.</summary>
    public int OrphansRemoved => _orphansRemoved;

    /// <summary>WAL records skipped at the last start because persisted files hold their rows.</summary>
    public long SkippedWalRecords => _skippedRecords;

    /// <summary>Persists everything buffered now (what CHECKPOINT runs); completes once the files are in the catalog.</summary>
    public Task<PersistResult> PersistNowAsync(CancellationToken cancellationToken)
    {
        Persister persister = _persister ?? throw new InvalidOperationException("server not started");
        DurableLineWriter writer = _writer!;
        return persister.PersistAsync(writer.Cut, cancellationToken);
    }

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
        IOx.Pg.Storage.Parquet.Reader.DecodedChunkCache.CapacityBytes = _options.ScanCacheBytes;
        IOx.Pg.Executor.Memory.QueryMemoryBudget.ServerDefaultLimit = _options.QueryMemoryLimit;
        Directory.CreateDirectory(_options.DataDir);
        ulong persisted = OpenPersistedState();
        var writer = new DurableLineWriter(Storage, ReplayWal(persisted));
        _writer = writer;
        WalWriter wal = _wal!;
        _persister = new Persister(_catalog!, _objects!, sequence => wal.RemoveSegmentsBefore(sequence + 1))
        {
            RetentionOf = name => Storage.TryGetDatabase(name, out DatabaseBuffer? database) ? database.RetentionPeriod : null,
        };
        Engine.Checkpoint = async ct => await PersistNowAsync(ct).ConfigureAwait(false);
        var lifecycle = new DatabaseLifecycle(Storage, _catalog!, writer, _persister, _options.FileGracePeriod);
        Engine.Lifecycle = lifecycle;
        _sweeper = new FileSweeper(_catalog!, _objects!, Storage, _options.FileGracePeriod, _loggerFactory.CreateLogger("IOx.Pg.FileSweeper"));
        _sweepStop = new CancellationTokenSource();
        _sweepLoop = Task.Run(() => _sweeper.RunAsync(_options.FileSweepInterval, _sweepStop.Token), CancellationToken.None);
        StartDeletesAndCompaction();
        _persistStop = new CancellationTokenSource();
        _persistLoop = Task.Run(() => PersistLoopAsync(_persistStop.Token), CancellationToken.None);

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

        PgSecurity security = PgSecurityFactory.Create(_options);
        var roles = new RoleAdministration(_catalog!, security.Roles);
        roles.Load();
        if (_options.PgAuthMethod != PgAuthMethod.Trust && _options.PgPassword is { Length: > 0 } bootstrap)
        {
            // The configured role and password win over what the catalog says, so an operator can always get in.
            security.Roles.Set(_options.PgUser, bootstrap);
        }

        Engine.Roles = roles.Execute;
        Engine.CreateDatabase = name => lifecycle.CreateDatabase(name, null);
        var pg = new PgWireListener(_options.PgListen, Engine, Storage, _loggerFactory.CreateLogger("IOx.Pg.PgWire"), security, CopyInWriter(writer));
        await pg.StartAsync(cancellationToken).ConfigureAwait(false);
        _pg = pg;

        // The ready line stays the first line logged (after any WAL repair warnings): the replay summary rides on it.
        _log.LogInformation(
            "IOx.Pg ready: postgres wire on {Pg}, http on {Http}, data in {DataDir}, replayed {Records} WAL records from {Segments} segments ({Skipped} already persisted), {Orphans} orphan files removed",
            PgEndPoint,
            HttpEndPoint,
            Path.GetFullPath(_options.DataDir),
            (_replayed?.Records ?? 0) - _skippedRecords,
            _replayed?.Segments ?? 0,
            _skippedRecords,
            _orphansRemoved);
    }

    /// <summary>COPY FROM STDIN's write path: the same durable writer as HTTP writes, all or nothing, nanosecond timestamps.</summary>
    private static PgCopyInWriter CopyInWriter(DurableLineWriter writer) => async (database, lines, cancellationToken) =>
    {
        long now = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        var options = new LineWriteOptions(TimestampPrecision.Nanosecond, now, AcceptPartial: false);
        LineWriteResult result = writer.Write(database, lines.Span, options, new LineParserBuffers(), out Task durable);
        await durable.WaitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    };

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

        await StopDeletesAndCompactionAsync().ConfigureAwait(false);
        if (_persistLoop is not null)
        {
            await _persistStop!.CancelAsync().ConfigureAwait(false);
            await _persistLoop.ConfigureAwait(false);
            _persistStop.Dispose();
            _persistLoop = null;
            _persistStop = null;
        }

        if (_sweepLoop is not null)
        {
            await _sweepStop!.CancelAsync().ConfigureAwait(false);
            await _sweepLoop.ConfigureAwait(false);
            _sweepStop.Dispose();
            _sweepLoop = null;
            _sweepStop = null;
        }

        Engine.Checkpoint = null;
        Engine.Roles = null;
        Engine.CreateDatabase = null;
        Engine.Lifecycle = null;

        // After the listeners: requests still draining wait for their fsync, which needs the flusher.
        if (_wal is not null)
        {
            _wal.Dispose();
            _log.LogInformation("WAL closed: {Records} records in {Fsyncs} commit groups, {Segments} new segments", _wal.RecordsAppended, _wal.FsyncCount, _wal.SegmentsCreated);
            _wal = null;
        }

        _catalog?.Dispose();
        _catalog = null;
        (_objects as IDisposable)?.Dispose();
        _objects = null;
    }

    /// <summary>The configured object store: S3 when options name a bucket, else &lt;data-dir&gt;/objects (its crash leftovers removed).</summary>
    private IObjectStore OpenObjectStore()
    {
        if (_options.S3 is { } s3)
        {
            _log.LogInformation("object store: S3 bucket {Bucket} prefix '{Prefix}' at {Endpoint}", s3.Bucket, s3.Prefix, s3.Endpoint?.ToString() ?? s3.Region);
            return new S3ObjectStore(s3);
        }

        var local = new LocalObjectStore(Path.Combine(_options.DataDir, "objects"));
        local.RemoveTemporaryFiles();
        return local;
    }

    /// <summary>
    /// Opens the catalog and the object store, removes objects no catalog row names (a crash
    /// between a put and its commit), creates every catalog table with its columns in catalog
    /// order and attaches its files (oldest first). Returns the WAL sequence the files cover.
    /// </summary>
    private ulong OpenPersistedState()
    {
        _catalog = Catalog.Open(Path.Combine(_options.DataDir, "catalog.sqlite"));
        _objects = OpenObjectStore();
        IReadOnlySet<string> named = _catalog.ListAllObjectKeys();
        _orphansRemoved = 0;
        foreach (ObjectMeta meta in _objects.ListAsync(string.Empty).GetAwaiter().GetResult())
        {
            if (!named.Contains(meta.Key) && ObjectKeys.TryParseParquetFile(meta.Key, out _))
            {
                _log.LogWarning("removing {Key}: no catalog row names it (a persist stopped before its commit)", meta.Key);
                _objects.DeleteAsync(meta.Key).GetAwaiter().GetResult();
                _orphansRemoved++;
            }
        }

        foreach (CatalogDatabase database in _catalog.ListDatabases())
        {
            DatabaseBuffer buffer = Storage.GetOrCreateDatabase(database.Name);
            buffer.RetentionPeriod = database.RetentionPeriod;
            foreach (CatalogTable table in _catalog.ListTables(database.Name))
            {
                TableBuffer target = buffer.GetOrCreateTable(table.Name);
                IReadOnlyList<CatalogColumn> columns = _catalog.GetColumns(table.Id);
                foreach (CatalogColumn column in columns)
                {
                    target.DefineColumn(column.Name, column.Type, column.Role);
                }

                target.CatalogState = (table.Id, columns.Count);

                var files = new List<CatalogFile>(_catalog.ListFiles(table.Id));

                // Write order: a later persist's file holds later writes (ids grow with each commit).
                files.Sort(static (a, b) => a.Id.CompareTo(b.Id));
                var attached = new PersistedFile[files.Count];
                for (int i = 0; i < attached.Length; i++)
                {
                    attached[i] = new PersistedFile(files[i], _objects);
                }

                target.AttachFiles(attached);
                AttachDeletes(table.Id, target);
            }
        }

        return _catalog.GetPersistedWalSequence();
    }

    /// <summary>Persists whenever the buffer is over its size limit or its oldest row over its age limit.</summary>
    private async Task PersistLoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.PersistCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                if (!PersistDue())
                {
                    continue;
                }

                try
                {
                    PersistResult result = await PersistNowAsync(stop).ConfigureAwait(false);
                    _log.LogInformation(
                        "persisted {Rows} rows ({RowsIn} buffered) into {Files} files, {Bytes} bytes, up to WAL sequence {Sequence}, in {Elapsed} ms",
                        result.RowsOut,
                        result.RowsIn,
                        result.Files,
                        result.Bytes,
                        result.WalSequence,
                        (long)result.Elapsed.TotalMilliseconds);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The sealed rows stay in memory (and in the WAL) and the next tick retries.
                    _log.LogError(e, "persist failed; the rows stay buffered and will be retried");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Whether the buffer is over its size or age limit.</summary>
    private bool PersistDue()
    {
        long bytes = 0;
        foreach (string name in Storage.DatabaseNames)
        {
            if (!Storage.TryGetDatabase(name, out DatabaseBuffer? database))
            {
                continue;
            }

            foreach (string tableName in database.TableNames)
            {
                if (database.TryGetTable(tableName, out TableBuffer? table))
                {
                    bytes += table.EstimatedBufferBytes;
                    if (table.OldestLiveRowAge >= _options.PersistMaxAge)
                    {
                        return true;
                    }
                }
            }
        }

        return bytes >= _options.PersistMaxBufferBytes;
    }

    /// <summary>
    /// Replays the WAL segments into the storage (in log order), skipping records at or below
    /// <paramref name="persisted"/> (their rows are in files), and opens the log for appending.
    /// </summary>
    private WalWriter ReplayWal(ulong persisted)
    {
        string directory = Path.Combine(_options.DataDir, "wal");
        var buffers = new LineParserBuffers();
        _skippedRecords = 0;
        var drops = new DropReplay(_catalog!, Storage, persisted);
        WalReplayResult replay = WalReplayer.Replay(directory, _options.WalRecover, (in WalRecord record) =>
        {
            if (record.Sequence <= persisted)
            {
                _skippedRecords++;
                return;
            }

            _tombstoneReplay?.Before(record.Sequence);
            drops.Before(record.Sequence);
            DurableLineWriter.Replay(Storage, in record, buffers, directory);
        });
        _tombstoneReplay?.Finish();
        _tombstoneReplay = null;
        drops.Finish();
        foreach (string warning in replay.Warnings)
        {
            _log.LogWarning("{Warning}", warning);
        }

        _replayed = replay;
        _wal = new WalWriter(
            new WalOptions { Directory = directory, FlushInterval = _options.WalFlushInterval, SegmentMaxBytes = _options.WalSegmentMaxBytes },
            Math.Max(replay.NextSequence, persisted + 1));
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
