using System.Net;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>Errors reach the client with PostgreSQL's SQLSTATE and the connection stays usable.</summary>
public sealed class ErrorTests : IClassFixture<ServerFixture>
{
    /// <summary>The running server.</summary>
    private readonly ServerFixture _server;

    /// <summary>Uses the shared server.</summary>
    public ErrorTests(ServerFixture server) => _server = server;

    [Theory]
    [InlineData("select * from no_such_table", "42P01")]
    [InlineData("select no_such_column from m", "42703")]
    [InlineData("select from where", "42601")]
    [InlineData("selec 1", "42601")]
    public async Task StatementErrorsCarryTheSqlStateAndTheConnectionSurvives(string sql, string sqlState)
    {
        string database = "errors_" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.NoContent, (await _server.WriteAsync(database, "m v=1 1")).StatusCode);
        await using var connection = await _server.ConnectAsync(database);
        await using (var bad = new NpgsqlCommand(sql, connection))
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => bad.ExecuteReaderAsync());
            Assert.Equal(sqlState, error.SqlState);
            Assert.False(string.IsNullOrEmpty(error.MessageText));
        }

        await using var good = new NpgsqlCommand("select count(*) from m", connection);
        Assert.Equal(1L, await good.ExecuteScalarAsync());
    }

    [Fact]
    public async Task UnknownDatabaseIsRefusedWith3D000()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => _server.ConnectAsync("no_such_database"));
        Assert.Equal("3D000", error.SqlState);
    }

    [Fact]
    public async Task PsqlConnectsWithDefaultSettingsAndSeesErrors()
    {
        var (exitCode, stdout, stderr) = await Psql.RunAsync(_server.Host.PgEndPoint, "postgres", "select 1 as one", tuplesOnly: false);
        Assert.True(exitCode == 0, stderr);
        Assert.Equal("one\n1\n(1 row)\n", stdout);

        (exitCode, _, stderr) = await Psql.RunAsync(_server.Host.PgEndPoint, "postgres", "select * from missing");
        Assert.Equal(1, exitCode);
        Assert.Contains("relation \"missing\" does not exist", stderr, StringComparison.Ordinal);
    }
}
