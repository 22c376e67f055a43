using System.Globalization;
using System.Net;
using System.Text;
using IOx.Pg.Server.Hosting;
using IOx.Pg.Storage.ObjectStore;
using Microsoft.Extensions.Logging;
using IOx.Pg.Tests.EndToEnd;
using Npgsql;

namespace IOx.Pg.Tests.Persist;

/// <summary>
/// Real servers on one data directory: after CHECKPOINT the rows come back from Parquet files with
/// the WAL trimmed; a stop between the catalog commit and the WAL trim shows every row once; objects
/// no catalog row names are removed at start-up.
/// </summary>
public sealed class PersistRestartTests : IDisposable
{
    /// <summary>The data directory shared by the servers of a test.</summary>
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ioxpg-persistrestart-" + Guid.NewGuid().ToString("N"));

    /// <summary>Log output is discarded.</summary>
    private readonly ILoggerFactory _loggerFactory = LoggerFactory.Create(_ => { });

    /// <summary>HTTP client for writes.</summary>
    private readonly HttpClient _http = new();

    /// <summary>The WAL directory.</summary>
    private string WalDirectory => Path.Combine(_dataDir, "wal");

    /// <summary>Starts a server on the data directory with small WAL segments (so there are several to trim).</summary>
    private async Task<ServerHost> StartAsync()
    {
        return await InProcessServer.StartAsync(
            new ServerOptions
            {
                DataDir = _dataDir,
                PgListen = new IPEndPoint(IPAddress.Loopback, 0),
                HttpListen = new IPEndPoint(IPAddress.Loopback, 0),
                WalSegmentMaxBytes = 256,
            },
            _loggerFactory);
    }

    /// <summary>Writes line protocol (ns) into database db; expects 204.</summary>
    private async Task WriteAsync(ServerHost host, string lines)
    {
        using var content = new StringContent(lines, Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await _http.PostAsync(new Uri($"http://{host.HttpEndPoint}/api/v2/write?bucket=db&precision=ns"), content);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Runs SQL on database db; rows as '|'-joined text.</summary>
    private static Task<List<string>> QueryAsync(ServerHost host, string sql) =>
        InProcessServer.QueryAsync(host, "db", sql);

    /// <summary>Writes 20 requests of 10 points each (hosts h0..h9 at one second each), one rewrite of an early point.</summary>
    private async Task WriteDataAsync(ServerHost host, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            var lines = new StringBuilder();
            for (int h = 0; h < 10; h++)
            {
                lines.Append(CultureInfo.InvariantCulture, $"cpu,host=h{h} usage={i + h}i,idle={100 - i}i {1_700_000_000_000_000_000L + (i * 1_000_000_000L)}\n");
            }

            await WriteAsync(host, lines.ToString());
        }
    }

    /// <summary>Queries whose answers must not change across persistence and restarts.</summary>
    private static readonly string[] s_queries =
    [
        "SELECT count(*), sum(usage), sum(idle) FROM cpu",
        "SELECT host, count(*), max(usage) FROM cpu GROUP BY host ORDER BY host",
        "SELECT time, host, usage, idle FROM cpu WHERE host = 'h3' ORDER BY time",
    ];

    /// <summary>Answers to <see cref="s_queries"/>.</summary>
    private static async Task<List<List<string>>> AnswersAsync(ServerHost host)
    {
        var answers = new List<List<string>>();
        foreach (string sql in s_queries)
        {
            answers.Add(await QueryAsync(host, sql));
        }

        return answers;
    }

    /// <summary>WAL segment files.</summary>
    private int Segments() => Directory.GetFiles(WalDirectory, "*.wal").Length;

    [Fact]
    public async Task AfterCheckpointARestartReadsFilesAndTheTrimmedWalWithoutDuplicates()
    {
        List<List<string>> before;
        await using (ServerHost first = await StartAsync())
        {
            await WriteDataAsync(first, 0, 20);
            int segmentsBefore = Segments();
            Assert.True(segmentsBefore > 3, $"{segmentsBefore} segments");
            Assert.Equal(["CHECKPOINT"], await CommandTagAsync(first, "CHECKPOINT"));
            Assert.Equal(1, Segments());

            // More writes after the checkpoint, including a rewrite of a persisted point (its later value wins).
            await WriteDataAsync(first, 20, 25);
            await WriteAsync(first, "cpu,host=h3 usage=1000i 1700000000000000000\n");
            before = await AnswersAsync(first);
            Assert.Equal("250|", before[0][0][..4]);
            Assert.Contains("h3|25|1000", before[1]);
        }

        await using (ServerHost second = await StartAsync())
        {
            Assert.Equal(before, await AnswersAsync(second));
            Assert.Equal(0, second.OrphansRemoved);

            // And once more after persisting what the WAL brought back.
            Assert.Equal(["CHECKPOINT"], await CommandTagAsync(second, "CHECKPOINT"));
            Assert.Equal(before, await AnswersAsync(second));
        }

        await using (ServerHost third = await StartAsync())
        {
            Assert.Equal(before, await AnswersAsync(third));
            Assert.Equal(0, third.Storage.GetOrCreateDatabase("db").GetOrCreateTable("cpu").RowCount);
        }
    }

    [Fact]
    public async Task AStopBetweenTheCatalogCommitAndTheWalTrimShowsEveryRowOnce()
    {
        List<List<string>> before;
        await using (ServerHost first = await StartAsync())
        {
            await WriteDataAsync(first, 0, 20);
            before = await AnswersAsync(first);
            int segments = Segments();
            first.Persister!.AfterCatalogCommit = static () => throw new IOException("simulated stop after the catalog commit");
            await Assert.ThrowsAsync<IOException>(() => first.PersistNowAsync(CancellationToken.None));

            // Nothing trimmed; the files are in the catalog but this process never swapped them in.
            Assert.Equal(segments, Segments());
            Assert.Equal(before, await AnswersAsync(first));
        }

        await using (ServerHost second = await StartAsync())
        {
            // Every logged record is at or below the persisted sequence: all skipped, rows from files only.
            Assert.Equal(20, second.SkippedWalRecords);
            Assert.Equal(before, await AnswersAsync(second));
            await WriteDataAsync(second, 20, 22);
            Assert.Equal("220", (await QueryAsync(second, "SELECT count(*) FROM cpu"))[0]);
        }
    }

    [Fact]
    public async Task ObjectsNoCatalogRowNamesAreRemovedAtStartUp()
    {
        string kept;
        await using (ServerHost first = await StartAsync())
        {
            await WriteDataAsync(first, 0, 3);
            await first.PersistNowAsync(CancellationToken.None);
            kept = first.Storage.GetOrCreateDatabase("db").GetOrCreateTable("cpu").Files.Single().File.ObjectKey;
        }

        // What a crash between a put and its catalog commit leaves behind.
        var store = new LocalObjectStore(Path.Combine(_dataDir, "objects"));
        string orphan = ObjectKeys.ParquetFile("db", "cpu", new DateOnly(2023, 11, 14), Guid.NewGuid());
        await store.PutAsync(orphan, await store.GetAsync(kept));

        await using (ServerHost second = await StartAsync())
        {
            Assert.Equal(1, second.OrphansRemoved);
            Assert.Null(await store.HeadAsync(orphan));
            Assert.NotNull(await store.HeadAsync(kept));
            Assert.Equal(["30"], await QueryAsync(second, "SELECT count(*) FROM cpu"));
        }
    }

    /// <summary>Runs a statement through the real psql client and returns what it prints (the command tag).</summary>
    private static async Task<List<string>> CommandTagAsync(ServerHost host, string sql)
    {
        (int exitCode, string stdout, string stderr) = await EndToEnd.Psql.RunAsync(host.PgEndPoint, "db", sql, tuplesOnly: false);
        Assert.True(exitCode == 0, stderr);
        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        _loggerFactory.Dispose();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
