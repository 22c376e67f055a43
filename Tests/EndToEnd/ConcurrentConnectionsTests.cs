using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>Many clients at once: 200 connections open together, each running its own queries (simple and prepared) over the same data.</summary>
public sealed class ConcurrentConnectionsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>How many connections are open at the same time.</summary>
    private const int Connections = 200;

    [Fact]
    public async Task TwoHundredConnectionsQueryAtOnce()
    {
        const string db = "concurrent";
        var lines = new System.Text.StringBuilder();
        for (int i = 0; i < 50; i++)
        {
            lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"cpu,host=h{i % 10} usage={i}i {1704067200000000000L + (i * 1_000_000_000L)}\n");
        }

        Assert.True((await server.WriteAsync(db, lines.ToString())).IsSuccessStatusCode);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = server.Host.PgEndPoint.Address.ToString(),
            Port = server.Host.PgEndPoint.Port,
            Username = "postgres",
            Database = db,
            Pooling = false,
            Timeout = 60,
            CommandTimeout = 120,
        };

        // Every connection is opened before any runs a query, so all 200 sessions exist at once.
        var open = new List<NpgsqlConnection>(Connections);
        try
        {
            Task<NpgsqlConnection>[] opening = new Task<NpgsqlConnection>[Connections];
            for (int c = 0; c < Connections; c++)
            {
                opening[c] = OpenAsync(builder.ConnectionString);
            }

            open.AddRange(await Task.WhenAll(opening));
            Task<(int Pid, long Sum, long Count)>[] running = new Task<(int, long, long)>[Connections];
            for (int c = 0; c < Connections; c++)
            {
                running[c] = QueryAsync(open[c], c);
            }

            (int Pid, long Sum, long Count)[] results = await Task.WhenAll(running);
            var pids = new HashSet<int>();
            for (int c = 0; c < Connections; c++)
            {
                // Host h(c % 10) holds usages c % 10, c % 10 + 10, ... + 40: five rows.
                long host = c % 10;
                Assert.Equal((5 * host) + 100, results[c].Sum);
                Assert.Equal(5, results[c].Count);
                Assert.True(pids.Add(results[c].Pid), "two connections share a backend pid");
            }
        }
        finally
        {
            foreach (NpgsqlConnection connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Opens one connection.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs a few queries on <paramref name="connection"/>: its backend pid, then a prepared aggregate for its host, run several times.</summary>
    private static async Task<(int Pid, long Sum, long Count)> QueryAsync(NpgsqlConnection connection, int index)
    {
        await using var pidCommand = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        int pid = (int)(await pidCommand.ExecuteScalarAsync())!;
        await using var command = new NpgsqlCommand("SELECT sum(usage), count(*) FROM cpu WHERE host = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"h{index % 10}" });
        await command.PrepareAsync();
        long sum = 0;
        long count = 0;
        for (int i = 0; i < 3; i++)
        {
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            sum = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            count = reader.GetInt64(1);
        }

        return (pid, sum, count);
    }
}
