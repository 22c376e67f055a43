using System.Globalization;
using System.Net;
using System.Text;
using IOx.Pg.Server.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// Through the wire only (HTTP writes, Npgsql queries): write, CHECKPOINT, write more, query,
/// restart the server on the same data directory, query again.
/// </summary>
public sealed class PersistEndToEndTests : IDisposable
{
    /// <summary>The data directory of both servers.</summary>
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ioxpg-persist-e2e-" + Guid.NewGuid().ToString("N"));

    /// <summary>Log output is discarded.</summary>
    private readonly ILoggerFactory _loggerFactory = LoggerFactory.Create(_ => { });

    /// <summary>HTTP client for writes.</summary>
    private readonly HttpClient _http = new();

    /// <summary>Starts a server on the data directory.</summary>
    private async Task<ServerHost> StartAsync()
    {
        var host = new ServerHost(
            new ServerOptions { DataDir = _dataDir, PgListen = new IPEndPoint(IPAddress.Loopback, 0), HttpListen = new IPEndPoint(IPAddress.Loopback, 0) },
            _loggerFactory);
        await host.StartAsync(CancellationToken.None);
        return host;
    }

    /// <summary>A connection to database <c>weather</c>.</summary>
    private static Task<NpgsqlConnection> ConnectAsync(ServerHost host) => InProcessServer.ConnectAsync(host, "weather");

    /// <summary>Posts line protocol (seconds) to database weather.</summary>
    private async Task WriteAsync(ServerHost host, string lines)
    {
        using var content = new StringContent(lines, Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await _http.PostAsync(new Uri($"http://{host.HttpEndPoint}/api/v2/write?bucket=weather&precision=s"), content);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Rows of a query as '|'-joined text.</summary>
    private static Task<List<string>> QueryAsync(NpgsqlConnection connection, string sql) =>
        InProcessServer.QueryAsync(connection, sql);

    /// <summary>The query checked at every step.</summary>
    private const string Summary = "SELECT city, count(*), sum(temp), max(rain) FROM obs GROUP BY city ORDER BY city";

    [Fact]
    public async Task WriteCheckpointWriteQueryRestartQuery()
    {
        List<string> expected = ["lyon|3|36|NULL", "oslo|2|3|1.5", "rome|1|25|NULL"];
        await using (ServerHost first = await StartAsync())
        {
            await WriteAsync(first, "obs,city=oslo temp=1i 1700000000\nobs,city=lyon temp=10i 1700000000\nobs,city=oslo temp=2i,rain=0.5 1700000060\n");
            await using (NpgsqlConnection connection = await ConnectAsync(first))
            {
                await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
                Assert.Equal(-1, await checkpoint.ExecuteNonQueryAsync());
            }

            // Later writes: new rows, a rewrite of a persisted point (rain added, temp kept), a new column.
            await WriteAsync(first, "obs,city=lyon temp=12i 1700000060\nobs,city=lyon temp=14i 1700000120\nobs,city=oslo rain=1.5 1700000060\nobs,city=rome temp=25i,wind=3i 1700000000\n");
            await using (NpgsqlConnection connection = await ConnectAsync(first))
            {
                Assert.Equal(expected, await QueryAsync(connection, Summary));
                Assert.Equal(["2|1.5"], await QueryAsync(connection, "SELECT temp, rain FROM obs WHERE city = 'oslo' AND time = '2023-11-14 22:14:20+00'"));
            }
        }

        await using (ServerHost second = await StartAsync())
        {
            await using NpgsqlConnection connection = await ConnectAsync(second);
            Assert.Equal(expected, await QueryAsync(connection, Summary));
            Assert.Equal(["2|1.5"], await QueryAsync(connection, "SELECT temp, rain FROM obs WHERE city = 'oslo' AND time = '2023-11-14 22:14:20+00'"));
            Assert.Equal(["rome|3"], await QueryAsync(connection, "SELECT city, wind FROM obs WHERE wind IS NOT NULL"));
        }
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
