using IOx.Pg.Tests.EndToEnd;
using Npgsql;

namespace IOx.Pg.Tests.Compat;

/// <summary>
/// pg_stat_activity over the wire: two Npgsql connections see each other (pid = the backend pid,
/// states, query text, application_name, client address), a closed one disappears, the column
/// types are PostgreSQL 15's, and psql reads it.
/// </summary>
public sealed class StatActivityTests : IClassFixture<ServerFixture>
{
    /// <summary>The shared server.</summary>
    private readonly ServerFixture _server;

    /// <summary>Uses the shared server.</summary>
    public StatActivityTests(ServerFixture server) => _server = server;

    /// <summary>Opens a connection with <paramref name="applicationName"/>.</summary>
    private async Task<NpgsqlConnection> ConnectAsync(string database, string applicationName)
    {
        NpgsqlConnection connection = _server.DataSource(database).CreateConnection();
        connection.ConnectionString += ";Application Name=" + applicationName;
        await connection.OpenAsync();
        return connection;
    }

    [Fact]
    public async Task TwoConnectionsSeeEachOther()
    {
        await _server.WriteAsync("activity_db", "m v=1 1000");
        await using NpgsqlConnection first = await ConnectAsync("activity_db", "first_app");
        await using NpgsqlConnection second = await ConnectAsync("activity_db", "second_app");
        int firstPid = first.ProcessID;
        int secondPid = second.ProcessID;

        // The first opens a block and runs a statement, then waits.
        await using (var begin = new NpgsqlCommand("BEGIN; SELECT count(*) FROM m", first))
        {
            await begin.ExecuteNonQueryAsync();
        }

        var rows = new Dictionary<int, (string Db, string User, string App, string? Addr, int Port, DateTime BackendStart, DateTime? XactStart, string State, string Query, string Type)>();
        await using (var command = new NpgsqlCommand(
            "SELECT pid, datname, usename, application_name, client_addr, client_port, backend_start, xact_start, state, query, backend_type FROM pg_stat_activity WHERE datname = 'activity_db'", second))
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetValue(4).ToString(),
                    reader.GetInt32(5), reader.GetDateTime(6), reader.IsDBNull(7) ? null : reader.GetDateTime(7), reader.GetString(8), reader.GetString(9), reader.GetString(10));
            }
        }

        Assert.True(rows.ContainsKey(firstPid), "the first connection is listed");
        Assert.True(rows.ContainsKey(secondPid), "the reading connection is listed");
        var a = rows[firstPid];
        Assert.Equal("activity_db", a.Db);
        Assert.Equal("postgres", a.User);
        Assert.Equal("first_app", a.App);
        Assert.Equal("127.0.0.1", a.Addr);
        Assert.True(a.Port > 0);
        Assert.Equal("idle in transaction", a.State);
        // Npgsql sends each statement of a batch as its own extended-protocol statement.
        Assert.Equal("SELECT count(*) FROM m", a.Query);
        Assert.NotNull(a.XactStart);
        Assert.True(a.BackendStart <= a.XactStart);
        Assert.Equal("client backend", a.Type);
        var b = rows[secondPid];
        Assert.Equal("active", b.State);
        Assert.Equal("second_app", b.App);
        Assert.StartsWith("SELECT pid, datname", b.Query, StringComparison.Ordinal);

        // After COMMIT the first is idle outside a transaction; once closed it is gone.
        await using (var commit = new NpgsqlCommand("COMMIT", first))
        {
            await commit.ExecuteNonQueryAsync();
        }

        await using (var state = new NpgsqlCommand($"SELECT state, xact_start IS NULL, query FROM pg_stat_activity WHERE pid = {firstPid}", second))
        await using (NpgsqlDataReader reader = await state.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal("idle", reader.GetString(0));
            Assert.True(reader.GetBoolean(1));
            Assert.Equal("COMMIT", reader.GetString(2));
        }

        await first.CloseAsync();
        for (int attempt = 0; attempt < 50; attempt++)
        {
            await using var gone = new NpgsqlCommand($"SELECT count(*) FROM pg_stat_activity WHERE pid = {firstPid}", second);
            if ((long)(await gone.ExecuteScalarAsync())! == 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("a closed connection stays in pg_stat_activity");
    }

    /// <summary>PostgreSQL 15's types, except client_addr (inet there; no inet type exists here, so text).</summary>
    [Fact]
    public async Task ColumnsAreTypedAsPostgres15s()
    {
        await _server.WriteAsync("activity_types", "m v=1 1000");
        await using NpgsqlConnection connection = await _server.ConnectAsync("activity_types");
        var types = new List<string>();
        await using (var command = new NpgsqlCommand(
            "SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'pg_stat_activity' AND a.attnum > 0 ORDER BY a.attnum", connection))
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                types.Add(reader.GetString(0));
            }
        }

        Assert.Equal(
        [
            "datid oid", "datname name", "pid integer", "leader_pid integer", "usesysid oid", "usename name", "application_name text",
            "client_addr text", "client_hostname text", "client_port integer", "backend_start timestamp with time zone",
            "xact_start timestamp with time zone", "query_start timestamp with time zone", "state_change timestamp with time zone",
            "wait_event_type text", "wait_event text", "state text", "backend_xid xid", "backend_xmin xid", "query_id bigint", "query text",
            "backend_type text",
        ], types);
    }

    [Fact]
    public async Task PsqlSeesItsOwnSession()
    {
        await _server.WriteAsync("activity_psql", "m v=1 1000");
        (int exit, string stdout, string stderr) = await Psql.RunAsync(_server.Host.PgEndPoint, "activity_psql",
            "SELECT state, query, backend_type, pid = pg_backend_pid() FROM pg_stat_activity WHERE datname = 'activity_psql'");
        Assert.True(exit == 0, stderr);
        Assert.Equal("active|SELECT state, query, backend_type, pid = pg_backend_pid() FROM pg_stat_activity WHERE datname = 'activity_psql'|client backend|t", stdout.Trim());
    }
}
