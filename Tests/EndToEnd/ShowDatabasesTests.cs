using System.Net;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>SHOW DATABASES lists the databases writes created, and postgres.</summary>
public sealed class ShowDatabasesTests : IClassFixture<ServerFixture>
{
    /// <summary>The running server.</summary>
    private readonly ServerFixture _server;

    /// <summary>Uses the shared server.</summary>
    public ShowDatabasesTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task ListsWrittenDatabasesSorted()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _server.WriteAsync("zeta", "m v=1 1")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _server.WriteAsync("alpha", "m v=1 1")).StatusCode);
        await using var connection = await _server.ConnectAsync("postgres");
        await using var command = new NpgsqlCommand("SHOW DATABASES", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.Equal("database_name", reader.GetName(0));
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        Assert.Equal(["alpha", "postgres", "zeta"], names);
    }
}
