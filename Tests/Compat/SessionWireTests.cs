using IOx.Pg.Tests.EndToEnd;
using IOx.Pg.Tests.PgWire;
using Npgsql;

namespace IOx.Pg.Tests.Compat;

/// <summary>
/// Session statements over the real wire: ReadyForQuery's transaction status (raw protocol),
/// ParameterStatus after SET, SET TimeZone on timestamptz text (psql) and binary (Npgsql),
/// statement_timeout, and that Npgsql and psql run what they send on connect.
/// </summary>
public sealed class SessionWireTests : IClassFixture<PgWireServer>, IClassFixture<ServerFixture>
{
    /// <summary>A bare listener for raw-protocol tests.</summary>
    private readonly PgWireServer _wire;

    /// <summary>The full server (HTTP writes + pgwire) for client tests.</summary>
    private readonly ServerFixture _server;

    /// <summary>Uses the shared servers.</summary>
    public SessionWireTests(PgWireServer wire, ServerFixture server)
    {
        _wire = wire;
        _server = server;
    }

    /// <summary>Sends one simple Query and returns the ReadyForQuery status byte and every message before it.</summary>
    private static async Task<(char Status, List<BackendMessage> Messages)> QueryAsync(RawPgClient client, string sql)
    {
        await client.SendAsync(FrontendWire.Query(sql));
        List<BackendMessage> messages = await client.ReadUntilReadyAsync();
        Assert.Equal('Z', messages[^1].Code);
        return ((char)messages[^1].Body[0], messages);
    }

    [Fact]
    public async Task ReadyForQueryCarriesTheTransactionStatus()
    {
        (RawPgClient client, _) = await RawPgClient.StartAsync(_wire.Port);
        await using RawPgClient owned = client;
        Assert.Equal('I', (await QueryAsync(client, "SELECT 1")).Status);
        Assert.Equal('T', (await QueryAsync(client, "BEGIN")).Status);
        Assert.Equal('T', (await QueryAsync(client, "SELECT 1")).Status);
        (char failed, List<BackendMessage> error) = await QueryAsync(client, "SELECT 1/0");
        Assert.Equal('E', failed);
        Assert.Equal("22012", error.Single(m => m.Code == 'E').Fields()['C']);
        (char still, List<BackendMessage> refused) = await QueryAsync(client, "SELECT 1");
        Assert.Equal('E', still);
        Dictionary<char, string> fields = refused.Single(m => m.Code == 'E').Fields();
        Assert.Equal("25P02", fields['C']);
        Assert.Equal("current transaction is aborted, commands ignored until end of transaction block", fields['M']);
        (char afterRollback, List<BackendMessage> rollback) = await QueryAsync(client, "ROLLBACK");
        Assert.Equal('I', afterRollback);
        Assert.Contains(rollback, m => m.Code == 'C');
        Assert.Equal('I', (await QueryAsync(client, "SELECT 1")).Status);

        // COMMIT of a failed block answers ROLLBACK; COMMIT outside a block warns.
        await QueryAsync(client, "BEGIN; SELECT nope");
        (char ended, List<BackendMessage> commit) = await QueryAsync(client, "COMMIT");
        Assert.Equal('I', ended);
        Assert.Equal("ROLLBACK\0", System.Text.Encoding.UTF8.GetString(commit.Single(m => m.Code == 'C').Body));
        (_, List<BackendMessage> warning) = await QueryAsync(client, "COMMIT");
        Dictionary<char, string> notice = warning.Single(m => m.Code == 'N').Fields();
        Assert.Equal("25P01", notice['C']);
        Assert.Equal("WARNING", notice['V']);
    }

    [Fact]
    public async Task SetOfAReportedParameterSendsParameterStatus()
    {
        (RawPgClient client, _) = await RawPgClient.StartAsync(_wire.Port);
        await using RawPgClient owned = client;
        (_, List<BackendMessage> set) = await QueryAsync(client, "SET TimeZone = 'Europe/Berlin'");
        Assert.Contains(set, m => m.Code == 'S' && m.Parameter() == ("TimeZone", "Europe/Berlin"));

        // Undone by ROLLBACK: reported again.
        await QueryAsync(client, "BEGIN; SET application_name = 'inside'");
        (_, List<BackendMessage> rollback) = await QueryAsync(client, "ROLLBACK");
        Assert.Contains(rollback, m => m.Code == 'S' && m.Parameter() == ("application_name", "raw-test"));

        // set_config in a SELECT reports too, after the rows.
        (_, List<BackendMessage> config) = await QueryAsync(client, "SELECT set_config('DateStyle', 'ISO, DMY', false)");
        Assert.Contains(config, m => m.Code == 'S' && m.Parameter() == ("DateStyle", "ISO, DMY"));
    }

    [Fact]
    public async Task NpgsqlWithDefaultSettingsRunsSessionStatements()
    {
        await _server.WriteAsync("sess_npgsql", "m v=1 1000");
        await using NpgsqlConnection connection = await _server.ConnectAsync("sess_npgsql");
        await using (var show = new NpgsqlCommand("SHOW TimeZone", connection))
        {
            Assert.Equal("UTC", await show.ExecuteScalarAsync());
        }

        await using (var set = new NpgsqlCommand("SET application_name = 'x'", connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        Assert.Equal("x", connection.PostgresParameters["application_name"]);
        await using (NpgsqlTransaction transaction = await connection.BeginTransactionAsync())
        {
            await using var one = new NpgsqlCommand("SELECT 1", connection, transaction);
            Assert.Equal(1, await one.ExecuteScalarAsync());
            await transaction.CommitAsync();
        }

        await using (var block = new NpgsqlCommand("BEGIN; SELECT 1; COMMIT", connection))
        {
            Assert.Equal(1, await block.ExecuteScalarAsync());
        }

        // A failed block through Npgsql's transaction API: 25P02, then rollback recovers.
        await using (NpgsqlTransaction transaction = await connection.BeginTransactionAsync())
        {
            await using var bad = new NpgsqlCommand("SELECT nope FROM m", connection, transaction);
            PostgresException first = await Assert.ThrowsAsync<PostgresException>(() => bad.ExecuteScalarAsync());
            Assert.Equal("42703", first.SqlState);
            await using var next = new NpgsqlCommand("SELECT 1", connection, transaction);
            PostgresException refused = await Assert.ThrowsAsync<PostgresException>(() => next.ExecuteScalarAsync());
            Assert.Equal("25P02", refused.SqlState);
            await transaction.RollbackAsync();
        }

        await using var after = new NpgsqlCommand("SELECT version()", connection);
        Assert.StartsWith("PostgreSQL 15.0 (IOx.Pg ", (string)(await after.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task TimeZoneChangesTimestamptzTextButNotBinary()
    {
        await _server.WriteAsync("sess_tz", "m v=1 1000");
        (int exit, string stdout, string stderr) = await Psql.RunAsync(_server.Host.PgEndPoint, "sess_tz",
            "SET TimeZone = 'America/New_York'; SELECT timestamptz '2024-01-15 12:00:00+00', timestamptz '2024-07-15 12:00:00+00'");
        Assert.True(exit == 0, stderr);
        Assert.Equal("SET\n2024-01-15 07:00:00-05|2024-07-15 08:00:00-04", stdout.Trim());

        await using NpgsqlConnection connection = await _server.ConnectAsync("sess_tz");
        await using (var set = new NpgsqlCommand("SET TimeZone = 'America/New_York'", connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        Assert.Equal("America/New_York", connection.Timezone);
        await using var select = new NpgsqlCommand("SELECT timestamptz '2024-01-15 12:00:00+00'", connection);
        await using NpgsqlDataReader reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        DateTime value = reader.GetDateTime(0);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Assert.Equal(new DateTime(2024, 1, 15, 12, 0, 0, DateTimeKind.Utc), value);
    }

    [Fact]
    public async Task PsqlConnectsAndRunsSessionStatements()
    {
        await _server.WriteAsync("sess_psql", "m v=1 1000");
        (int exit, string stdout, string stderr) = await Psql.RunAsync(_server.Host.PgEndPoint, "sess_psql",
            "SHOW TimeZone; SET application_name = 'x'; SHOW application_name; BEGIN; SELECT 1; COMMIT");
        Assert.True(exit == 0, stderr);
        Assert.Equal(["UTC", "SET", "x", "BEGIN", "1", "COMMIT"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task StatementTimeoutCancelsALongQuery()
    {
        var rows = new System.Text.StringBuilder();
        for (int i = 0; i < 200_000; i++)
        {
            rows.Append("m,h=h").Append(i % 100).Append(" v=").Append(i).Append(' ').Append(1_000_000_000L + i).Append('\n');
        }

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await _server.WriteAsync("sess_timeout", rows.ToString())).StatusCode);
        await using NpgsqlConnection connection = await _server.ConnectAsync("sess_timeout");
        await using (var set = new NpgsqlCommand("SET statement_timeout = 1", connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        // Far more than 1 ms of work: 200k rows sorted, streamed, many times over.
        await using var slow = new NpgsqlCommand("SELECT h, v, v * 2, lower(h) FROM m ORDER BY v DESC, h", connection);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        PostgresException ex = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            for (int round = 0; round < 50; round++)
            {
                await using NpgsqlDataReader reader = await slow.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }
            }
        });
        Assert.Equal("57014", ex.SqlState);
        Assert.Equal("canceling statement due to statement timeout", ex.MessageText);
        await using var after = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await after.ExecuteScalarAsync());
    }
}
