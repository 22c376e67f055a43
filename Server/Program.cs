using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using IOx.Pg.Server.Hosting;
using IOx.Pg.Storage.Wal;
using Microsoft.Extensions.Logging;

namespace IOx.Pg.Server;

/// <summary>The <c>ioxpg</c> executable: <c>ioxpg serve [--data-dir] [--pg-listen] [--http-listen] [--wal-flush-interval] [--wal-segment-max-bytes] [--wal-recover] [--persist-max-buffer-bytes] [--persist-max-age] [--scan-cache-bytes] [--query-memory-limit] [--compaction-interval] [--compaction-min-files] [--file-grace-period] [--file-sweep-interval] [--default-retention] [--object-store local|s3 --s3-*]</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "directory for WAL, catalog and files", DefaultValueFactory = _ => "./data" };
        var pgListen = new Option<string>("--pg-listen") { Description = "PostgreSQL wire protocol address", DefaultValueFactory = _ => "127.0.0.1:5432" };
        var httpListen = new Option<string>("--http-listen") { Description = "HTTP API address (line-protocol writes)", DefaultValueFactory = _ => "127.0.0.1:8181" };
        var maxBody = new Option<long>("--max-write-body-bytes") { Description = "largest write request body (413 above)", DefaultValueFactory = _ => 25_000_000 };
        var walFlushInterval = new Option<string>("--wal-flush-interval") { Description = "longest wait to gather a WAL commit group before its fsync: 0, 500us, 1ms, 2s", DefaultValueFactory = _ => "0" };
        var walSegmentMaxBytes = new Option<long>("--wal-segment-max-bytes") { Description = "size past which the WAL starts a new segment", DefaultValueFactory = _ => WalOptions.DefaultSegmentMaxBytes };
        var walRecover = new Option<bool>("--wal-recover") { Description = "start despite WAL corruption, skipping the rest of each damaged segment (those writes are lost)" };

        var pgAuth = new Option<string>("--pg-auth") { Description = "pgwire authentication: trust, password, md5 or scram-sha-256", DefaultValueFactory = _ => "trust" };
        var pgUser = new Option<string>("--pg-user") { Description = "login role created at start for password authentication", DefaultValueFactory = _ => "postgres" };
        var pgPasswordFile = new Option<string?>("--pg-password-file") { Description = "file holding that role's password (else the IOXPG_PASSWORD environment variable)" };
        var pgTls = new Option<bool>("--pg-tls") { Description = "answer SSLRequest with TLS (a self-signed certificate is generated under the data directory unless --pg-tls-cert/--pg-tls-key are given)" };
        var pgTlsCert = new Option<string?>("--pg-tls-cert") { Description = "PEM certificate for pgwire TLS" };
        var pgTlsKey = new Option<string?>("--pg-tls-key") { Description = "PEM private key for pgwire TLS" };

        var persistMaxBytes = new Option<long>("--persist-max-buffer-bytes") { Description = "persist the write buffer to Parquet once its estimated size reaches this", DefaultValueFactory = _ => 512L << 20 };
        var persistMaxAge = new Option<string>("--persist-max-age") { Description = "persist the write buffer once its oldest unpersisted row is this old: 30s, 10m, 1h", DefaultValueFactory = _ => "10m" };

        var scanCacheBytes = new Option<long>("--scan-cache-bytes") { Description = "memory for decoded Parquet column chunks reused across queries (0: off)", DefaultValueFactory = _ => 256L << 20 };
        var queryMemoryLimit = new Option<string>("--query-memory-limit") { Description = "memory one query's sorts, hash tables, windows and work tables may keep together before it fails with 53200: 64MB, 1GB (sessions override it with SET iox.query_memory_limit)", DefaultValueFactory = _ => "1GB" };
        var compactionInterval = new Option<string>("--compaction-interval") { Description = "how often background compaction merges small Parquet files: 0 (off), 10s, 1m", DefaultValueFactory = _ => "1m" };
        var noSeriesIndex = new Option<bool>("--no-series-index") { Description = "scan write-buffer batches whole instead of narrowing tag equality/IN scans through the per-series index (for comparison)" };
        var compactionMinFiles = new Option<int>("--compaction-min-files") { Description = "merge a table's day once it has this many small files in a row", DefaultValueFactory = _ => 4 };

        var fileGracePeriod = new Option<string>("--file-grace-period") { Description = "how long replaced, expired or dropped Parquet files stay readable before the sweeper deletes them: 30s, 5m, 1h", DefaultValueFactory = _ => "5m" };
        var fileSweepInterval = new Option<string>("--file-sweep-interval") { Description = "how often retention is enforced on files and files past their grace period are deleted", DefaultValueFactory = _ => "30s" };
        var defaultRetention = new Option<string?>("--default-retention") { Description = "retention period of databases created by writes: 30d, 12h, '7 days' (default: keep forever)" };

        var serve = new Command("serve", "run the server") { dataDir, pgListen, httpListen, maxBody, walFlushInterval, walSegmentMaxBytes, walRecover, persistMaxBytes, persistMaxAge, scanCacheBytes, queryMemoryLimit, compactionInterval, compactionMinFiles, noSeriesIndex, fileGracePeriod, fileSweepInterval, defaultRetention, pgAuth, pgUser, pgPasswordFile, pgTls, pgTlsCert, pgTlsKey };
        var objectStore = new ObjectStoreFlags();
        objectStore.AddTo(serve);
        serve.SetAction(async (parse, _) =>
        {
            ServerOptions options;
            try
            {
                options = new ServerOptions
                {
                    DataDir = parse.GetValue(dataDir)!,
                    PgListen = ListenAddress.Parse(parse.GetValue(pgListen)!),
                    HttpListen = ListenAddress.Parse(parse.GetValue(httpListen)!),
                    MaxWriteBodyBytes = parse.GetValue(maxBody),
                    WalFlushInterval = ParseDuration(parse.GetValue(walFlushInterval)!),
                    WalSegmentMaxBytes = parse.GetValue(walSegmentMaxBytes) > 0 ? parse.GetValue(walSegmentMaxBytes) : throw new FormatException("--wal-segment-max-bytes must be positive"),
                    WalRecover = parse.GetValue(walRecover),
                    PersistMaxBufferBytes = parse.GetValue(persistMaxBytes) > 0 ? parse.GetValue(persistMaxBytes) : throw new FormatException("--persist-max-buffer-bytes must be positive"),
                    PersistMaxAge = ParseDuration(parse.GetValue(persistMaxAge)!) is { Ticks: > 0 } age ? age : throw new FormatException("--persist-max-age must be positive"),
                    ScanCacheBytes = parse.GetValue(scanCacheBytes) >= 0 ? parse.GetValue(scanCacheBytes) : throw new FormatException("--scan-cache-bytes must not be negative"),
                    QueryMemoryLimit = IOx.Pg.Executor.Memory.MemorySize.TryParse(parse.GetValue(queryMemoryLimit)!, out long queryMemory) ? queryMemory : throw new FormatException("--query-memory-limit must be a positive size such as 64MB or 1GB"),
                    CompactionInterval = ParseDuration(parse.GetValue(compactionInterval)!),
                    CompactionMinFiles = parse.GetValue(compactionMinFiles) >= 2 ? parse.GetValue(compactionMinFiles) : throw new FormatException("--compaction-min-files must be at least 2"),
                    FileGracePeriod = ParseDuration(parse.GetValue(fileGracePeriod)!),
                    FileSweepInterval = ParseDuration(parse.GetValue(fileSweepInterval)!) is { Ticks: > 0 } sweep ? sweep : throw new FormatException("--file-sweep-interval must be positive"),
                    DefaultRetention = ParseRetention(parse.GetValue(defaultRetention)),
                    PgAuthMethod = PgSecurityFactory.ParseAuthMethod(parse.GetValue(pgAuth)!),
                    PgUser = parse.GetValue(pgUser)!,
                    PgPassword = ReadPassword(parse.GetValue(pgPasswordFile)),
                    PgTls = parse.GetValue(pgTls),
                    PgTlsCert = parse.GetValue(pgTlsCert),
                    PgTlsKey = parse.GetValue(pgTlsKey),
                    S3 = objectStore.Parse(parse),
                };
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync($"ioxpg: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            IOx.Pg.Storage.WriteBuffer.SeriesIndex.Enabled = !parse.GetValue(noSeriesIndex);
            return await ServeAsync(options).ConfigureAwait(false);
        });

        var root = new RootCommand("IOx.Pg: a time-series database that speaks InfluxDB line protocol and PostgreSQL") { serve };
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }

    /// <summary>The bootstrap role's password: the first line of <paramref name="file"/>, else IOXPG_PASSWORD, else none.</summary>
    /// <exception cref="FormatException">The file cannot be read.</exception>
    private static string? ReadPassword(string? file)
    {
        if (file is null)
        {
            return Environment.GetEnvironmentVariable("IOXPG_PASSWORD") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        }

        try
        {
            using var reader = new StreamReader(file);
            return reader.ReadLine();
        }
        catch (IOException ex)
        {
            throw new FormatException($"cannot read --pg-password-file {file}: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new FormatException($"cannot read --pg-password-file {file}: {ex.Message}");
        }
    }

    /// <summary>Runs the server until SIGINT or SIGTERM, then shuts down cleanly.</summary>
    private static async Task<int> ServeAsync(ServerOptions options)
    {
        using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            })
            .SetMinimumLevel(LogLevel.Information)
            // ASP.NET Core's own start-up chatter would bury the one ready line.
            .AddFilter("Microsoft", LogLevel.Warning));
        ILogger log = loggerFactory.CreateLogger("IOx.Pg.Server");

        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        await using var host = new ServerHost(options, loggerFactory);
        try
        {
            await host.StartAsync(stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException or WalCorruptException or ServerConfigurationException or Storage.Catalog.CatalogException)
        {
            log.LogCritical("cannot start: {Message}", e.Message);
            return 1;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            log.LogInformation("shutting down");
        }

        await host.StopAsync().ConfigureAwait(false);
        log.LogInformation("stopped");
        return 0;
    }

    /// <summary>--default-retention: null when absent, else a retention period as CREATE DATABASE takes it.</summary>
    private static TimeSpan? ParseRetention(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return Planner.Sql.RetentionPeriodText.Parse(text, 0);
        }
        catch (Storage.Errors.SqlException e)
        {
            throw new FormatException($"--default-retention: {e.Message}");
        }
    }

    /// <summary>A duration such as <c>0</c>, <c>500us</c>, <c>1ms</c>, <c>2s</c>, <c>10m</c> or <c>1h</c> (a bare number is milliseconds).</summary>
    private static TimeSpan ParseDuration(string text)
    {
        string trimmed = text.Trim();
        (string digits, double unitMicroseconds) = trimmed switch
        {
            _ when trimmed.EndsWith("us", StringComparison.Ordinal) => (trimmed[..^2], 1.0),
            _ when trimmed.EndsWith("ms", StringComparison.Ordinal) => (trimmed[..^2], 1_000.0),
            _ when trimmed.EndsWith('s') => (trimmed[..^1], 1_000_000.0),
            _ when trimmed.EndsWith('m') => (trimmed[..^1], 60_000_000.0),
            _ when trimmed.EndsWith('h') => (trimmed[..^1], 3_600_000_000.0),
            _ => (trimmed, 1_000.0),
        };
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || value * unitMicroseconds > 86_400_000_000_000.0)
        {
            throw new FormatException($"invalid duration '{text}': use e.g. 0, 500us, 1ms or 2s");
        }

        return TimeSpan.FromMicroseconds(value * unitMicroseconds);
    }
}
