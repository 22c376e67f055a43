using System.Globalization;
using System.Net;
using System.Text;
using IOx.Pg.Server.Hosting;
using Microsoft.Extensions.Logging;
using IOx.Pg.Tests.EndToEnd;
using Npgsql;

namespace IOx.Pg.Tests.Wal;

/// <summary>
/// The server's data directory on a 3 MiB tmpfs that fills up for real: writes past the full
/// disk get 507 with a message and are never acknowledged; after space returns a restart replays
/// every acknowledged write and accepts new ones.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    /// <summary>Lines per request.</summary>
    private const int LinesPerRequest = 200;

    /// <summary>HTTP client for writes.</summary>
    private readonly HttpClient _http = new();

    /// <summary>Log output is discarded.</summary>
    private readonly ILoggerFactory _loggerFactory = LoggerFactory.Create(_ => { });

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        _loggerFactory.Dispose();
    }

    [Fact]
    public async Task AFullDiskRefusesWritesWith507AndLosesNothingAcknowledged()
    {
        using var disk = new TmpfsMount(3L << 20);
        int acknowledged = 0;
        var failures = new List<(HttpStatusCode Status, string Body)>();
        await using (ServerHost server = await StartAsync(disk.Path))
        {
            for (int request = 0; request < 2000 && failures.Count < 5; request++)
            {
                (HttpStatusCode status, string body) = await WriteAsync(server, Lines(request));
                if (status == HttpStatusCode.NoContent)
                {
                    Assert.Empty(failures);
                    acknowledged++;
                }
                else
                {
                    failures.Add((status, body));
                }
            }
        }

        Assert.True(acknowledged > 10, $"only {acknowledged} writes fit before the disk filled");
        Assert.NotEmpty(failures);
        Assert.All(failures, f =>
        {
            Assert.Equal(HttpStatusCode.InsufficientStorage, f.Status);
            Assert.Contains("no space left", f.Body, StringComparison.Ordinal);
        });

        // Space returns: a restart replays every acknowledged write, and writing works again.
        disk.Resize(64L << 20);
        await using (ServerHost server = await StartAsync(disk.Path))
        {
            List<string> counts = await QueryAsync(server, $"SELECT count(*), count(DISTINCT r) FROM m WHERE r < {acknowledged}");
            Assert.Equal([$"{acknowledged * LinesPerRequest}|{acknowledged}"], counts);
            (HttpStatusCode status, _) = await WriteAsync(server, Lines(100_000));
            Assert.Equal(HttpStatusCode.NoContent, status);
            Assert.Equal([LinesPerRequest.ToString(CultureInfo.InvariantCulture)], await QueryAsync(server, "SELECT count(*) FROM m WHERE r = 100000"));
        }
    }

    /// <summary>Request <paramref name="request"/>'s lines: distinct points tagged with the request number.</summary>
    private static string Lines(int request)
    {
        var lines = new StringBuilder();
        for (int i = 0; i < LinesPerRequest; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"m,host=h{i % 10} r={request}i,v={i}.5,s=\"padding-{i}\" {1_700_000_000_000_000_000L + ((long)request * LinesPerRequest) + i}\n");
        }

        return lines.ToString();
    }

    /// <summary>Starts a server whose data directory is <paramref name="dataDir"/>, with small WAL segments so new ones are created while the disk fills.</summary>
    private async Task<ServerHost> StartAsync(string dataDir)
    {
        return await InProcessServer.StartAsync(
            new ServerOptions
            {
                DataDir = dataDir,
                PgListen = new IPEndPoint(IPAddress.Loopback, 0),
                HttpListen = new IPEndPoint(IPAddress.Loopback, 0),
                WalSegmentMaxBytes = 256 * 1024,
            },
            _loggerFactory);
    }

    /// <summary>Writes line protocol (ns) into database db; the status and body.</summary>
    private async Task<(HttpStatusCode Status, string Body)> WriteAsync(ServerHost host, string lines)
    {
        using var content = new StringContent(lines, Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await _http.PostAsync(new Uri($"http://{host.HttpEndPoint}/api/v2/write?bucket=db&precision=ns"), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs SQL on database db; rows as '|'-joined text.</summary>
    private static Task<List<string>> QueryAsync(ServerHost host, string sql) =>
        InProcessServer.QueryAsync(host, "db", sql);
}
