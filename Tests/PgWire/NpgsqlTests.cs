using Npgsql;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.PgWire;

/// <summary>A real driver (Npgsql, extended protocol, binary results) against the listener.</summary>
public sealed class NpgsqlTests : IClassFixture<PgWireServer>
{
    /// <summary>The server.</summary>
    private readonly PgWireServer _server;

    /// <summary>Uses the shared server.</summary>
    public NpgsqlTests(PgWireServer server) => _server = server;

    [Fact]
    public async Task ConnectsAndReadsServerVersion()
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        Assert.Equal(new Version(15, 0), connection.PostgreSqlVersion);
        Assert.Equal("15.0", connection.ServerVersion);
        Assert.Equal("UTC", connection.Timezone);
        Assert.True(connection.ProcessID > 0);
    }

    [Fact]
    public async Task ReadsArraysInBinary()
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT ARRAY[1,2,NULL]::int[] AS a, ARRAY['x','y z',NULL]::text[] AS b, '{}'::int8[] AS c, ARRAY[1.5,2.25] ::float8[] AS d, ARRAY[true,false] AS e, ('{5,6,7}'::int[])[2:3] AS f",
            connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("integer[]", reader.GetDataTypeName(0));
        Assert.Equal("text[]", reader.GetDataTypeName(1));
        Assert.Equal(new int?[] { 1, 2, null }, reader.GetFieldValue<int?[]>(0));
        Assert.Equal(new string?[] { "x", "y z", null }, reader.GetFieldValue<string?[]>(1));
        Assert.Empty(reader.GetFieldValue<long[]>(2));
        Assert.Equal(new[] { 1.5, 2.25 }, reader.GetFieldValue<double[]>(3));
        Assert.Equal(new[] { true, false }, reader.GetFieldValue<bool[]>(4));
        Assert.Equal(new[] { 6, 7 }, reader.GetFieldValue<int[]>(5));
    }

    [Fact]
    public async Task SslPreferFallsBackToPlainText()
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString(extra: "SSL Mode=Prefer"));
        await connection.OpenAsync();
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task UnknownDatabaseIs3D000()
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString("no_such_db"));
        PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal(SqlState.InvalidCatalogName, error.SqlState);
        Assert.Equal("FATAL", error.InvariantSeverity);
    }

    [Fact]
    public async Task StatementErrorCarriesSqlStateAndConnectionSurvives()
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        for (int i = 0; i < 3; i++)
        {
            await using var command = new NpgsqlCommand("LISTEN x", connection);
            PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(SqlState.FeatureNotSupported, error.SqlState);
            Assert.Equal("ERROR", error.InvariantSeverity);
            Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        }
    }

    [Fact]
    public async Task BindParametersAreRefusedNotSpliced()
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("LISTEN x", connection);
        command.Parameters.AddWithValue(42);
        PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(SqlState.FeatureNotSupported, error.SqlState);
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task SeveralConnectionsAtOnce()
    {
        var tasks = new List<Task>();
        for (int i = 0; i < 8; i++)
        {
            tasks.Add(Task.Run(async () =>
            {
                await using var connection = new NpgsqlConnection(_server.ConnectionString());
                await connection.OpenAsync();
                for (int j = 0; j < 5; j++)
                {
                    await using var command = new NpgsqlCommand("LISTEN x", connection);
                    PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
                    Assert.Equal(SqlState.FeatureNotSupported, error.SqlState);
                }
            }));
        }

        await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task CloseSendsTerminateAndTheServerForgetsTheConnection()
    {
        var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        int pid = connection.ProcessID;
        await connection.CloseAsync();
        await connection.DisposeAsync();
        for (int i = 0; i < 100 && _server.Listener.HasConnection(pid); i++)
        {
            await Task.Delay(20);
        }

        Assert.False(_server.Listener.HasConnection(pid));
    }
}
