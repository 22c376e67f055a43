using Npgsql;

namespace IOx.Pg.Tests.PgWire;

/// <summary>EXPLAIN through Npgsql's extended protocol: a one-column text result like PostgreSQL's.</summary>
public sealed class ExplainWireTests(PgWireServer server) : IClassFixture<PgWireServer>
{
    [Fact]
    public async Task ExplainReturnsQueryPlanRows()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN ANALYZE SELECT 1 + 1 AS two", connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        Assert.Equal("QUERY PLAN", reader.GetName(0));
        Assert.Equal("text", reader.GetDataTypeName(0));
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        Assert.StartsWith("Project: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("(actual rows=1 batches=1 time=", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Execution Time: ", lines[^1], StringComparison.Ordinal);
    }
}
