using System.Net;
using IOx.Pg.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>CREATE DATABASE: an empty database one can connect to, kept across restarts, 42P04 when it exists.</summary>
public sealed class CreateDatabaseTests : IAsyncLifetime
{
    /// <summary>The server's data directory.</summary>
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"ioxpg-createdb-{Guid.NewGuid():N}");

    /// <summary>The running server.</summary>
    private ServerHost _host = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _host = await StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task CreatedDatabaseAcceptsConnectionsAndSurvivesARestart()
    {
        PostgresException missing = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync("metrics", "SELECT 1"));
        Assert.Equal("3D000", missing.SqlState);

        await ScalarAsync("postgres", "CREATE DATABASE metrics");
        Assert.Equal(1, await ScalarAsync("metrics", "SELECT 1"));
        PostgresException exists = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync("postgres", "CREATE DATABASE metrics"));
        Assert.Equal(("42P04", "database \"metrics\" already exists"), (exists.SqlState, exists.MessageText));
        Assert.Equal("0A000", (await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync("postgres", "CREATE DATABASE other OWNER bob"))).SqlState);

        await _host.DisposeAsync();
        _host = await StartAsync();
        Assert.Equal(1, await ScalarAsync("metrics", "SELECT 1"));
    }

    /// <summary>Starts a server on the shared data directory.</summary>
    private async Task<ServerHost> StartAsync()
    {
        var host = new ServerHost(
            new ServerOptions { DataDir = _dataDir, PgListen = new IPEndPoint(IPAddress.Loopback, 0), HttpListen = new IPEndPoint(IPAddress.Loopback, 0) },
            NullLoggerFactory.Instance);
        await host.StartAsync(CancellationToken.None);
        return host;
    }

    /// <summary>Runs <paramref name="sql"/> in <paramref name="database"/> and returns the first value (null for a command).</summary>
    private async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={_host.PgEndPoint.Port};Username=postgres;Database={database};Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=10");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
