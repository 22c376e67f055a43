using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>EXPLAIN ANALYZE reports what the scan read from persisted files and what it pruned.</summary>
public sealed class ExplainFilesTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ScanCountsFilesReadAndPruned()
    {
        const string db = "explain_files";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1 1704067200000000000\ncpu,host=b usage=2 1704067210000000000")).IsSuccessStatusCode);
        await using NpgsqlConnection connection = await server.ConnectAsync(db);
        await using (var checkpoint = new NpgsqlCommand("CHECKPOINT", connection))
        {
            await checkpoint.ExecuteNonQueryAsync();
        }

        Assert.Contains("files=1 files_pruned=0", await PlanAsync(connection, "EXPLAIN ANALYZE SELECT count(*) FROM cpu"), StringComparison.Ordinal);
        Assert.Contains("files=0 files_pruned=1", await PlanAsync(connection, "EXPLAIN ANALYZE SELECT count(*) FROM cpu WHERE time > '2025-01-01T00:00:00Z'"), StringComparison.Ordinal);
    }

    /// <summary>The plan text.</summary>
    private static async Task<string> PlanAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
