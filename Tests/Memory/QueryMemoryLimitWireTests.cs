using System.Text;
using IOx.Pg.Tests.EndToEnd;
using IOx.Pg.Tests.PgWire;
using Npgsql;

namespace IOx.Pg.Tests.Memory;

/// <summary>
/// The per-query memory limit over the wire: 53200 with a detail naming the operator and the
/// limit for every operator that keeps rows, the session running the next statement (raw
/// protocol: Npgsql itself drops a connection after any class 53 error, see below), and the
/// limit being per session.
/// </summary>
public sealed class QueryMemoryLimitWireTests : IClassFixture<PgWireServer>, IClassFixture<ServerFixture>
{
    /// <summary>5000 integer rows made by the recursive union (20kB of values; a sort of them needs 40kB: values and the row order).</summary>
    private const string Rows = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5000) ";

    /// <summary>A bare listener for raw-protocol tests.</summary>
    private readonly PgWireServer _wire;

    /// <summary>The full server for Npgsql tests.</summary>
    private readonly ServerFixture _server;

    /// <summary>Data sources by database, kept for the test class (disposing one closes its connections).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NpgsqlDataSource> _sources = new();

    /// <summary>Uses the shared servers.</summary>
    public QueryMemoryLimitWireTests(PgWireServer wire, ServerFixture server)
    {
        _wire = wire;
        _server = server;
    }

    /// <summary>Sends one simple Query; returns the ReadyForQuery status and every message before it.</summary>
    private static async Task<(char Status, List<BackendMessage> Messages)> QueryAsync(RawPgClient client, string sql)
    {
        await client.SendAsync(FrontendWire.Query(sql));
        List<BackendMessage> messages = await client.ReadUntilReadyAsync();
        Assert.Equal('Z', messages[^1].Code);
        return ((char)messages[^1].Body[0], messages);
    }

    /// <summary>A connection that receives error details (Npgsql redacts them by default).</summary>
    private async Task<NpgsqlConnection> ConnectAsync(string database)
    {
        NpgsqlDataSource source = _sources.GetOrAdd(database, d =>
        {
            var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder
            {
                Host = _server.Host.PgEndPoint.Address.ToString(),
                Port = _server.Host.PgEndPoint.Port,
                Username = "postgres",
                Database = d,
                Pooling = false,
                IncludeErrorDetail = true,
            }.ConnectionString);
            builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
            return builder.Build();
        });
        return await source.OpenConnectionAsync();
    }

    /// <summary>Runs <paramref name="sql"/> and returns the first column of the first row.</summary>
    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Theory]
    [InlineData("SELECT n FROM r ORDER BY n DESC", "Sort")]
    [InlineData("SELECT n % 4000, count(*) FROM r GROUP BY 1", "HashAggregate")]
    [InlineData("SELECT DISTINCT n FROM r", "HashAggregate")]
    [InlineData("SELECT DISTINCT ON (n) n FROM r ORDER BY n", "DISTINCT ON")]
    [InlineData("SELECT n, row_number() OVER (ORDER BY n DESC) FROM r", "WindowAgg")]
    [InlineData("SELECT count(*) FROM r a JOIN r b ON a.n = b.n", "HashJoin build side")]
    public async Task EachOperatorFailsWith53200AndTheSessionGoesOn(string query, string operatorName)
    {
        (RawPgClient client, _) = await RawPgClient.StartAsync(_wire.Port);
        await using RawPgClient owned = client;
        Assert.Equal('I', (await QueryAsync(client, "SET iox.query_memory_limit = '32kB'")).Status);
        (char status, List<BackendMessage> messages) = await QueryAsync(client, Rows + query);
        Assert.Equal('I', status);
        Dictionary<char, string> error = messages.Single(m => m.Code == 'E').Fields();
        Assert.Equal("ERROR", error['S']);
        Assert.Equal("53200", error['C']);
        Assert.Equal("out of memory", error['M']);
        Assert.StartsWith(operatorName + " needed ", error['D'], StringComparison.Ordinal);
        Assert.EndsWith("of the query's 32kB limit in use.", error['D'], StringComparison.Ordinal);

        // Only the statement ended: the same session runs the next one, and with a larger limit the query itself.
        (char next, List<BackendMessage> rows) = await QueryAsync(client, Rows + "SELECT count(*) FROM r");
        Assert.Equal('I', next);
        Assert.Equal("5000", Encoding.UTF8.GetString(rows.Single(m => m.Code == 'D').Body.AsSpan(6)));
        await QueryAsync(client, "SET iox.query_memory_limit = '4MB'");
        (_, List<BackendMessage> full) = await QueryAsync(client, Rows + query);
        Assert.DoesNotContain(full, m => m.Code == 'E');
        Assert.Contains(full, m => m.Code == 'C');
    }

    [Fact]
    public async Task RecursiveUnionWorkTablesAreCharged()
    {
        (RawPgClient client, _) = await RawPgClient.StartAsync(_wire.Port);
        await using RawPgClient owned = client;
        await QueryAsync(client, "SET iox.query_memory_limit = '32kB'");
        (_, List<BackendMessage> messages) = await QueryAsync(client, "WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT n + 1 FROM r WHERE n < 5000) SELECT count(*) FROM r");
        Dictionary<char, string> error = messages.Single(m => m.Code == 'E').Fields();
        Assert.Equal("53200", error['C']);
        Assert.StartsWith("RecursiveUnion work table needed ", error['D'], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NpgsqlSees53200WithItsDetailAndTheServerGoesOn()
    {
        await _server.WriteAsync("memlimit_npgsql", "m v=1 1000");
        await using NpgsqlConnection connection = await ConnectAsync("memlimit_npgsql");
        await ScalarAsync(connection, "SET iox.query_memory_limit = '32kB'");
        PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, Rows + "SELECT sum(n) FROM (SELECT n FROM r ORDER BY n DESC) s"));
        Assert.Equal("53200", error.SqlState);
        Assert.Equal("out of memory", error.MessageText);
        Assert.Equal("Sort needed 20000B more with 20000B of the query's 32kB limit in use.", error.Detail);

        // Npgsql treats every class 53 error as fatal for its connector (PostgresErrorCodes.IsCriticalFailure)
        // and closes it, whatever the server does; the server goes on, and a new connection works.
        await using NpgsqlConnection again = await ConnectAsync("memlimit_npgsql");
        Assert.Equal(1L, await ScalarAsync(again, "SELECT count(*) FROM m"));
    }

    [Fact]
    public async Task TheScansMergeOfOverlappingWritesIsCharged()
    {
        // The same rows persisted and written again: the file and the buffer overlap, so the scan merges them.
        var lines = new StringBuilder();
        for (int i = 4000; i > 0; i--)
        {
            lines.Append("m,host=h").Append(i % 10).Append(" v=").Append(i).Append(' ').Append(i * 1000L).Append('\n');
        }

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await _server.WriteAsync("memlimit_merge", lines.ToString())).StatusCode);
        await using NpgsqlConnection connection = await ConnectAsync("memlimit_merge");
        await ScalarAsync(connection, "CHECKPOINT");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await _server.WriteAsync("memlimit_merge", lines.ToString())).StatusCode);
        Assert.Equal(4000L, await ScalarAsync(connection, "SELECT count(*) FROM m"));
        await ScalarAsync(connection, "SET iox.query_memory_limit = '32kB'");
        PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, "SELECT sum(v) FROM m"));
        Assert.Equal("53200", error.SqlState);
        Assert.StartsWith("TableScan merge of overlapping sources needed ", error.Detail, StringComparison.Ordinal);
        await using NpgsqlConnection again = await ConnectAsync("memlimit_merge");
        Assert.Equal(8002000m, Convert.ToDecimal(await ScalarAsync(again, "SELECT sum(v) FROM m"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TheLimitIsPerSession()
    {
        await _server.WriteAsync("memlimit_sessions", "m v=1 1000");
        await using NpgsqlConnection small = await ConnectAsync("memlimit_sessions");
        await using NpgsqlConnection large = await ConnectAsync("memlimit_sessions");
        await ScalarAsync(small, "SET iox.query_memory_limit = '32kB'");
        string sorted = Rows + "SELECT sum(n) FROM (SELECT n FROM r ORDER BY n DESC) s";
        PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(small, sorted));
        Assert.Equal("53200", error.SqlState);
        Assert.Equal(12502500m, Convert.ToDecimal(await ScalarAsync(large, sorted), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1GB", await ScalarAsync(large, "SHOW iox.query_memory_limit"));
    }
}
