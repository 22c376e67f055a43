using System.Net;
using IOx.Pg.Server.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// A real IOx.Pg server, in process, listening on free loopback ports with its own data directory.
/// Shared by the tests of a class; each test writes to its own database so tests stay independent.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    /// <summary>The data directory, removed at the end.</summary>
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ioxpg-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>Log output is discarded; failures show up as test assertions.</summary>
    private readonly ILoggerFactory _loggerFactory = LoggerFactory.Create(_ => { });

    /// <summary>Npgsql data sources by database.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NpgsqlDataSource> _dataSources = new(StringComparer.Ordinal);

    /// <summary>The server; set by InitializeAsync.</summary>
    private ServerHost? _host;

    /// <summary>The running server.</summary>
    public ServerHost Host => _host ?? throw new InvalidOperationException("not started");

    /// <summary>Base address of the HTTP API.</summary>
    public Uri HttpBase => new($"http://{Host.HttpEndPoint}");

    /// <summary>An HTTP client for the API.</summary>
    public HttpClient Http { get; } = new();

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        _host = new ServerHost(
            new ServerOptions
            {
                DataDir = _dataDir,
                PgListen = new IPEndPoint(IPAddress.Loopback, 0),
                HttpListen = new IPEndPoint(IPAddress.Loopback, 0),
            },
            _loggerFactory);
        await _host.StartAsync(CancellationToken.None);
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        Http.Dispose();
        foreach (NpgsqlDataSource dataSource in _dataSources.Values)
        {
            await dataSource.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _loggerFactory.Dispose();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    /// <summary>
    /// An Npgsql data source for <paramref name="database"/>. Type loading is off until the
    /// pg_catalog views exist (issue 5): Npgsql then uses its built-in knowledge of the standard types.
    /// </summary>
    public NpgsqlDataSource DataSource(string database) => _dataSources.GetOrAdd(database, d =>
    {
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder
        {
            Host = Host.PgEndPoint.Address.ToString(),
            Port = Host.PgEndPoint.Port,
            Username = "postgres",
            Database = d,
            Pooling = false,
            Timeout = 10,
            CommandTimeout = 60,
        }.ConnectionString);
        builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
        return builder.Build();
    });

    /// <summary>Opens a connection to <paramref name="database"/>.</summary>
    public async Task<NpgsqlConnection> ConnectAsync(string database) => await DataSource(database).OpenConnectionAsync();

    /// <summary>Posts line protocol to the v2 write endpoint and returns the response.</summary>
    public async Task<HttpResponseMessage> WriteAsync(string database, string lineProtocol, string precision = "ns")
    {
        using var content = new StringContent(lineProtocol, System.Text.Encoding.UTF8, "text/plain");
        return await Http.PostAsync(new Uri(HttpBase, $"/api/v2/write?bucket={Uri.EscapeDataString(database)}&precision={precision}"), content);
    }
}
