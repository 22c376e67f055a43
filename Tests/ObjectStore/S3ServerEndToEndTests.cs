using System.Globalization;
using System.Net;
using System.Text;
using IOx.Pg.Server.Hosting;
using IOx.Pg.Storage.ObjectStore;
using Microsoft.Extensions.Logging;
using IOx.Pg.Tests.EndToEnd;
using Npgsql;

namespace IOx.Pg.Tests.ObjectStore;

/// <summary>
/// The whole server with its Parquet files in S3 (s3rver): write over HTTP, CHECKPOINT (files
/// land in the bucket, nothing under &lt;data-dir&gt;/objects), restart and read the same answers back.
/// </summary>
public sealed class S3ServerEndToEndTests : IClassFixture<S3rver>, IDisposable
{
    /// <summary>The S3 server.</summary>
    private readonly S3rver _server;

    /// <summary>The server's local data directory (WAL and catalog).</summary>
    private readonly TempDirectory _dataDir = new();

    /// <summary>This test's key prefix in the bucket.</summary>
    private readonly string _prefix = "e2e-" + Guid.NewGuid().ToString("N");

    /// <summary>Log output is discarded.</summary>
    private readonly ILoggerFactory _loggerFactory = LoggerFactory.Create(_ => { });

    /// <summary>HTTP client for writes.</summary>
    private readonly HttpClient _http = new();

    /// <summary>Binds the test to the class's server.</summary>
    public S3ServerEndToEndTests(S3rver server)
    {
        _server = server;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        _loggerFactory.Dispose();
        _dataDir.Dispose();
    }

    [Fact]
    public async Task WritesCheckpointToS3AndAreReadBackAfterARestart()
    {
        string[] queries =
        [
            "SELECT count(*), sum(usage) FROM cpu",
            "SELECT host, count(*), max(usage) FROM cpu GROUP BY host ORDER BY host",
            "SELECT time, host, usage FROM cpu WHERE host = 'h3' ORDER BY time",
        ];
        var before = new List<List<string>>();
        await using (ServerHost first = await StartAsync())
        {
            for (int i = 0; i < 10; i++)
            {
                var lines = new StringBuilder();
                for (int h = 0; h < 5; h++)
                {
                    lines.Append(CultureInfo.InvariantCulture, $"cpu,host=h{h} usage={i * h}i {1_700_000_000_000_000_000L + (i * 1_000_000_000L)}\n");
                }

                await WriteAsync(first, lines.ToString());
            }

            Assert.Equal(["50"], await QueryAsync(first, "SELECT count(*) FROM cpu"));
            await QueryAsync(first, "CHECKPOINT");
            foreach (string sql in queries)
            {
                before.Add(await QueryAsync(first, sql));
            }
        }

        // The files are in the bucket under the prefix, none on local disk.
        using (var bucket = new S3ObjectStore(_server.Options(_prefix)))
        {
            IReadOnlyList<ObjectMeta> objects = await bucket.ListAsync("");
            Assert.NotEmpty(objects);
            Assert.All(objects, o => Assert.True(ObjectKeys.TryParseParquetFile(o.Key, out _), o.Key));
        }

        string localObjects = Path.Combine(_dataDir.Path, "objects");
        Assert.False(Directory.Exists(localObjects) && Directory.EnumerateFiles(localObjects, "*", SearchOption.AllDirectories).Any());

        await using (ServerHost second = await StartAsync())
        {
            // Every row comes from the S3 files: the WAL was trimmed by the checkpoint.
            Assert.Equal(0, second.Storage.GetOrCreateDatabase("db").GetOrCreateTable("cpu").RowCount);
            for (int i = 0; i < queries.Length; i++)
            {
                Assert.Equal(before[i], await QueryAsync(second, queries[i]));
            }

            Assert.Equal("50|450", before[0][0]);
        }
    }

    /// <summary>Starts a server whose object store is this test's prefix of the bucket.</summary>
    private async Task<ServerHost> StartAsync()
    {
        return await InProcessServer.StartAsync(
            new ServerOptions
            {
                DataDir = _dataDir.Path,
                PgListen = new IPEndPoint(IPAddress.Loopback, 0),
                HttpListen = new IPEndPoint(IPAddress.Loopback, 0),
                S3 = _server.Options(_prefix),
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
}
