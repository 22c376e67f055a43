using System.Globalization;
using System.Net;
using System.Text;
using IOx.Pg.Server.Hosting;
using IOx.Pg.Storage.Wal;
using Microsoft.Extensions.Logging;
using IOx.Pg.Tests.EndToEnd;
using Npgsql;

namespace IOx.Pg.Tests.Wal;

/// <summary>
/// A real server is stopped and a new one started on the same data directory: every acknowledged
/// write is back, exactly, read over the PostgreSQL wire; damaged logs stop start-up unless recovery is asked for.
/// </summary>
public sealed class WalRestartTests : IDisposable
{
    /// <summary>The data directory shared by the servers of a test.</summary>
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ioxpg-walrestart-" + Guid.NewGuid().ToString("N"));

    /// <summary>Log output is discarded.</summary>
    private readonly ILoggerFactory _loggerFactory = LoggerFactory.Create(_ => { });

    /// <summary>HTTP client for writes.</summary>
    private readonly HttpClient _http = new();

    /// <summary>Starts a server on the data directory.</summary>
    private async Task<ServerHost> StartAsync(bool recover = false, long segmentMaxBytes = WalOptions.DefaultSegmentMaxBytes)
    {
        return await InProcessServer.StartAsync(
            new ServerOptions
            {
                DataDir = _dataDir,
                PgListen = new IPEndPoint(IPAddress.Loopback, 0),
                HttpListen = new IPEndPoint(IPAddress.Loopback, 0),
                WalRecover = recover,
                WalSegmentMaxBytes = segmentMaxBytes,
            },
            _loggerFactory);
    }

    /// <summary>Posts line protocol to <paramref name="path"/> (query string included).</summary>
    private async Task<HttpStatusCode> PostAsync(ServerHost host, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await _http.PostAsync(new Uri($"http://{host.HttpEndPoint}{path}"), content);
        return response.StatusCode;
    }

    /// <summary>Every row of <paramref name="sql"/> as text, one line per row.</summary>
    private static async Task<List<string>> QueryAsync(ServerHost host, string database, string sql)
    {
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder
        {
            Host = host.PgEndPoint.Address.ToString(),
            Port = host.PgEndPoint.Port,
            Username = "postgres",
            Database = database,
            Pooling = false,
            Timeout = 10,
        }.ConnectionString);
        builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
        await using NpgsqlDataSource source = builder.Build();
        await using NpgsqlConnection connection = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var row = new StringBuilder();
            for (int i = 0; i < reader.FieldCount; i++)
            {
                object value = reader.GetValue(i);
                string text = value switch
                {
                    DBNull => "NULL",
                    DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
                };
                row.Append(text).Append('|');
            }

            rows.Add(row.ToString());
        }

        return rows;
    }

    /// <summary>The queries whose answers must survive a restart.</summary>
    private static readonly (string Database, string Sql)[] s_queries =
    [
        ("metrics", "select host, usage, note, time from cpu order by time, host"),
        ("metrics", "select host, free, time from mem order by time, host"),
        ("metrics", "select r, v, time from conc order by r"),
        ("other", "select a, time from m order by time"),
    ];

    /// <summary>Answers to <see cref="s_queries"/>.</summary>
    private static async Task<List<List<string>>> SnapshotAsync(ServerHost host)
    {
        var answers = new List<List<string>>();
        foreach ((string database, string sql) in s_queries)
        {
            answers.Add(await QueryAsync(host, database, sql));
        }

        return answers;
    }

    [Fact]
    public async Task EveryAcknowledgedWriteSurvivesARestart()
    {
        List<List<string>> before;
        await using (ServerHost first = await StartAsync())
        {
            // A partial write: the second line disagrees on usage's type and is rejected, the others stored.
            Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(first, "/api/v2/write?bucket=metrics&precision=s", "cpu,host=a usage=1.5 1\ncpu,host=b usage=2i 2\ncpu,host=c usage=3.25,note=\"x y\" 3"));
            // Lines without timestamps get the server time of their request, which must survive as is.
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(first, "/write?db=metrics", "mem,host=a free=10i\nmem,host=b free=20i"));
            // v3 with automatic precision, and an all-or-nothing request that is refused (stores nothing).
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(first, "/api/v3/write_lp?db=other", "m a=1i 1700000000000"));
            Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(first, "/api/v3/write_lp?db=other&accept_partial=false", "m a=2i 1700000001000\nm a=oops 1700000002000"));
            // Concurrent requests share fsyncs; each is acknowledged only when durable.
            HttpStatusCode[] codes = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => PostAsync(first, "/api/v2/write?bucket=metrics", $"conc,r=r{i:D2} v={i}i {i}")));
            Assert.All(codes, code => Assert.Equal(HttpStatusCode.NoContent, code));
            before = await SnapshotAsync(first);
        }

        Assert.Equal(2, before[0].Count);
        Assert.Equal(2, before[1].Count);
        Assert.Equal(before[1][0].Split('|')[2], before[1][1].Split('|')[2]);
        Assert.Equal(32, before[2].Count);
        Assert.Single(before[3]);

        await using (ServerHost second = await StartAsync())
        {
            Assert.Equal(before, await SnapshotAsync(second));

            // Writing goes on after the replayed records, and survives the next restart too.
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(second, "/api/v3/write_lp?db=other", "m a=3i 1700000003000"));
            before = await SnapshotAsync(second);
        }

        await using ServerHost third = await StartAsync();
        Assert.Equal(before, await SnapshotAsync(third));
        Assert.Equal(2, before[3].Count);
    }

    [Fact]
    public async Task CorruptionStopsStartUpUnlessRecoveryIsAsked()
    {
        await using (ServerHost first = await StartAsync())
        {
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.NoContent, await PostAsync(first, "/api/v2/write?bucket=db", $"m v={i}i {i}"));
            }
        }

        string segment = WalSegmentFile.List(Path.Combine(_dataDir, "wal")).Single().Path;
        byte[] bytes = await File.ReadAllBytesAsync(segment);
        int second = WalFormat.HeaderSize + WalFormat.FrameHeaderSize + BitConverter.ToInt32(bytes, WalFormat.HeaderSize);
        bytes[second + WalFormat.FrameHeaderSize + 25] ^= 0xFF;
        await File.WriteAllBytesAsync(segment, bytes);

        WalCorruptException error = await Assert.ThrowsAsync<WalCorruptException>(() => StartAsync());
        Assert.Equal(segment, error.SegmentPath);
        Assert.Equal(second, error.Offset);

        await using ServerHost recovered = await StartAsync(recover: true);
        Assert.Equal(["0|"], await QueryAsync(recovered, "db", "select v from m"));
    }

    [Fact]
    public async Task AWriteTheLogCannotMakeDurableIsNotAcknowledged()
    {
        string walDirectory = Path.Combine(_dataDir, "wal");
        string blocker;
        await using (ServerHost host = await StartAsync(segmentMaxBytes: 1))
        {
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(host, "/api/v2/write?bucket=db", "m v=1i 1"));

            // Every group starts a new segment here; make the next one impossible to create.
            blocker = Path.Combine(walDirectory, WalSegmentFile.FileName(host.Wal!.NextSequence));
            Directory.CreateDirectory(blocker);
            Assert.Equal(HttpStatusCode.InternalServerError, await PostAsync(host, "/api/v2/write?bucket=db", "m v=2i 2"));

            // The log stays stopped: nothing more is acknowledged, or even applied. (The failed
            // request's row was applied before its fsync failed: visible, never acknowledged.)
            Assert.Equal(HttpStatusCode.InternalServerError, await PostAsync(host, "/api/v2/write?bucket=db", "m v=3i 3"));
            Assert.Equal(["1|", "2|"], await QueryAsync(host, "db", "select v from m order by v"));
        }

        // The fault is repaired; after a restart, exactly the acknowledged write is there.
        Directory.Delete(blocker);
        await using ServerHost restarted = await StartAsync();
        Assert.Equal(["1|"], await QueryAsync(restarted, "db", "select v from m"));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(restarted, "/api/v2/write?bucket=db", "m v=4i 4"));
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
