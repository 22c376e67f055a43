using System.Net;
using IOx.Pg.Protocol.PgWire.Auth;
using IOx.Pg.Server.Hosting;
using IOx.Pg.Server.PgWire;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>CREATE / ALTER / DROP ROLE with SCRAM authentication: roles kept in the catalog across restarts, PostgreSQL's errors.</summary>
public sealed class RoleTests : IAsyncLifetime
{
    /// <summary>The server's data directory.</summary>
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"ioxpg-roles-{Guid.NewGuid():N}");

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
    public async Task RolesLogInChangeAndDisappearAndSurviveRestarts()
    {
        await RunAsync("postgres", "admin", "CREATE ROLE alice LOGIN PASSWORD 'wonder'");
        Assert.Equal("alice", await CurrentUserAsync("alice", "wonder"));
        Assert.Equal("28P01", (await Assert.ThrowsAsync<PostgresException>(() => CurrentUserAsync("alice", "wrong"))).SqlState);
        Assert.Equal("42710", (await Assert.ThrowsAsync<PostgresException>(() => RunAsync("postgres", "admin", "CREATE ROLE alice"))).SqlState);

        await RunAsync("postgres", "admin", "ALTER ROLE alice WITH PASSWORD 'land'");
        Assert.Equal("28P01", (await Assert.ThrowsAsync<PostgresException>(() => CurrentUserAsync("alice", "wonder"))).SqlState);
        Assert.Equal("alice", await CurrentUserAsync("alice", "land"));
        await RunAsync("postgres", "admin", "ALTER USER alice NOLOGIN");
        Assert.Equal("28P01", (await Assert.ThrowsAsync<PostgresException>(() => CurrentUserAsync("alice", "land"))).SqlState);
        Assert.Equal("42704", (await Assert.ThrowsAsync<PostgresException>(() => RunAsync("postgres", "admin", "ALTER ROLE nobody LOGIN"))).SqlState);

        // A verifier in PostgreSQL's text form is stored as given; CREATE USER implies LOGIN.
        await RunAsync("postgres", "admin", $"CREATE USER bob PASSWORD '{ScramVerifier.Create("builder")}'");
        Assert.Equal("bob", await CurrentUserAsync("bob", "builder"));

        await _host.DisposeAsync();
        _host = await StartAsync();
        Assert.Equal("bob", await CurrentUserAsync("bob", "builder"));
        Assert.Equal("28P01", (await Assert.ThrowsAsync<PostgresException>(() => CurrentUserAsync("alice", "land"))).SqlState);

        await RunAsync("bob", "builder", "DROP ROLE alice");
        Assert.Equal("55006", (await Assert.ThrowsAsync<PostgresException>(() => RunAsync("bob", "builder", "DROP ROLE bob"))).SqlState);
        await RunAsync("postgres", "admin", "DROP ROLE bob");
        Assert.Equal("28P01", (await Assert.ThrowsAsync<PostgresException>(() => CurrentUserAsync("bob", "builder"))).SqlState);
        Assert.Equal("42704", (await Assert.ThrowsAsync<PostgresException>(() => RunAsync("postgres", "admin", "DROP ROLE bob"))).SqlState);
        await RunAsync("postgres", "admin", "DROP ROLE IF EXISTS bob, alice");
        Assert.Equal("0A000", (await Assert.ThrowsAsync<PostgresException>(() => RunAsync("postgres", "admin", "CREATE ROLE carol CREATEDB"))).SqlState);
    }

    /// <summary>Starts a server with SCRAM authentication and the bootstrap role postgres/admin.</summary>
    private async Task<ServerHost> StartAsync()
    {
        var host = new ServerHost(
            new ServerOptions
            {
                DataDir = _dataDir,
                PgListen = new IPEndPoint(IPAddress.Loopback, 0),
                HttpListen = new IPEndPoint(IPAddress.Loopback, 0),
                PgAuthMethod = PgAuthMethod.ScramSha256,
                PgPassword = "admin",
            },
            NullLoggerFactory.Instance);
        await host.StartAsync(CancellationToken.None);
        return host;
    }

    /// <summary>Runs a statement as <paramref name="user"/>.</summary>
    private async Task RunAsync(string user, string password, string sql)
    {
        await using NpgsqlConnection connection = await OpenAsync(user, password);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Logs in and returns current_user.</summary>
    private async Task<string> CurrentUserAsync(string user, string password)
    {
        await using NpgsqlConnection connection = await OpenAsync(user, password);
        await using var command = new NpgsqlCommand("SELECT current_user", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>An open connection.</summary>
    private async Task<NpgsqlConnection> OpenAsync(string user, string password)
    {
        var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={_host.PgEndPoint.Port};Username={user};Password={password};Database=postgres;Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=10");
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
