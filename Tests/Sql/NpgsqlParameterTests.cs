using System.Data;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.WriteBuffer;
using IOx.Pg.Tests.PgWire;
using Npgsql;
using NpgsqlTypes;

namespace IOx.Pg.Tests.Sql;

/// <summary>A listener whose database db1 holds table ptest: 10 rows, row i at 2016-01-01 00:00:i, host h(i%2), v = i + 0.5, n = i, ok = even.</summary>
public sealed class ParameterServer : IAsyncLifetime
{
    /// <summary>The listener.</summary>
    public PgWireServer Server { get; } = new();

    /// <summary>2016-01-01T00:00:00Z in nanoseconds.</summary>
    public const long BaseTime = 1_451_606_400_000_000_000L;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        TableBuffer table = Server.Storage.GetOrCreateDatabase("db1").GetOrCreateTable("ptest");
        using TableWriter writer = table.BeginWrite();
        for (int i = 0; i < 10; i++)
        {
            writer.BeginRow();
            writer.AppendTag("host"u8, i % 2 == 0 ? "h0"u8 : "h1"u8);
            writer.AppendDouble("v"u8, i + 0.5);
            writer.AppendInt64("n"u8, i);
            writer.AppendBoolean("ok"u8, i % 2 == 0);
            writer.EndRow(BaseTime + (i * 1_000_000_000L));
        }
    }

    /// <inheritdoc/>
    public Task DisposeAsync() => Server.DisposeAsync();
}

/// <summary>Bind parameters end to end with a real driver: Npgsql sends binary values with declared types.</summary>
public sealed class NpgsqlParameterTests : IClassFixture<ParameterServer>
{
    /// <summary>The server.</summary>
    private readonly ParameterServer _fixture;

    /// <summary>Uses the shared server.</summary>
    public NpgsqlParameterTests(ParameterServer fixture) => _fixture = fixture;

    /// <summary>An open connection.</summary>
    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_fixture.Server.ConnectionString());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Round-trips one value through <c>SELECT $1</c> and checks value and reported type.</summary>
    private async Task AssertRoundTrip<T>(T value, string expectedType, NpgsqlDbType? dbType = null)
    {
        await using NpgsqlConnection connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT $1", connection);
        command.Parameters.Add(dbType is null ? new NpgsqlParameter<T> { TypedValue = value } : new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = dbType.Value });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(expectedType, reader.GetDataTypeName(0));
        Assert.Equal(value, reader.GetFieldValue<T>(0));
    }

    [Fact]
    public async Task EveryTypeRoundTrips()
    {
        await AssertRoundTrip(42, "integer");
        await AssertRoundTrip(-9_000_000_000L, "bigint");
        await AssertRoundTrip((short)-7, "smallint");
        await AssertRoundTrip(2.5e-300, "double precision");
        await AssertRoundTrip(1.5f, "real");
        await AssertRoundTrip("héllo, 'world'; --", "text");
        await AssertRoundTrip(true, "boolean");
        await AssertRoundTrip(new DateTime(2016, 1, 1, 0, 0, 3, 250, DateTimeKind.Utc), "timestamp with time zone");
        await AssertRoundTrip(new DateTime(2016, 1, 1, 12, 0, 0, DateTimeKind.Unspecified), "timestamp without time zone");
        await AssertRoundTrip(123456789.0123m, "numeric");
        await AssertRoundTrip(-0.5m, "numeric");
        await AssertRoundTrip(new TimeSpan(1, 2, 3, 4, 5), "interval");
        await AssertRoundTrip(new DateOnly(1999, 12, 31), "date");
    }

    [Fact]
    public async Task ParametersFilterATable()
    {
        await using NpgsqlConnection connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT n, v FROM ptest WHERE host = $1 AND time >= $2 AND v > $3 AND ok = $4 ORDER BY n", connection);
        command.Parameters.AddWithValue("h0");
        command.Parameters.AddWithValue(new DateTime(2016, 1, 1, 0, 0, 2, DateTimeKind.Utc));
        command.Parameters.AddWithValue(3.0);
        command.Parameters.AddWithValue(true);
        var rows = new List<(long, double)>();
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt64(0), reader.GetDouble(1)));
            }
        }

        Assert.Equal([(4L, 4.5), (6L, 6.5), (8L, 8.5)], rows);
    }

    [Fact]
    public async Task NullParameters()
    {
        await using NpgsqlConnection connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT $1::int IS NULL, $2 IS NULL, count(*) FROM ptest WHERE n = $3", connection);
        command.Parameters.AddWithValue(DBNull.Value);
        command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
        Assert.True(reader.GetBoolean(1));
        Assert.Equal(0L, reader.GetInt64(2));
    }

    [Fact]
    public async Task APreparedStatementRunsRepeatedlyWithDifferentValues()
    {
        await using NpgsqlConnection connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), sum(n) FROM ptest WHERE n >= $1 AND host = $2", connection);
        var from = new NpgsqlParameter<long> { TypedValue = 0 };
        var host = new NpgsqlParameter<string> { TypedValue = "h0" };
        command.Parameters.Add(from);
        command.Parameters.Add(host);
        await command.PrepareAsync();
        Assert.True(command.IsPrepared);
        for (int i = 0; i < 10; i++)
        {
            from.TypedValue = i;
            host.TypedValue = i % 3 == 0 ? "h1" : "h0";
            long expectedCount = 0;
            long expectedSum = 0;
            for (int n = i; n < 10; n++)
            {
                if ((n % 2 == 0 ? "h0" : "h1") == host.TypedValue)
                {
                    expectedCount++;
                    expectedSum += n;
                }
            }

            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(expectedCount, reader.GetInt64(0));
            decimal? sum = reader.IsDBNull(1) ? null : reader.GetDecimal(1);
            Assert.Equal(expectedCount == 0 ? null : expectedSum, sum);
        }
    }

    [Fact]
    public async Task InferredTypesAreDescribed()
    {
        await using NpgsqlConnection connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT n FROM ptest WHERE time > @t AND host = @h AND v < @v LIMIT @l", connection);
        NpgsqlCommandBuilder.DeriveParameters(command);
        Assert.Equal(
            [NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Double, NpgsqlDbType.Bigint],
            command.Parameters.Select(p => p.NpgsqlDbType));
    }

    [Fact]
    public async Task ValueErrorsEndTheStatementNotTheSession()
    {
        await using NpgsqlConnection connection = await OpenAsync();
        await using (var command = new NpgsqlCommand("SELECT n FROM ptest WHERE time > $1", connection))
        {
            command.Parameters.AddWithValue(5);
            PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());
            Assert.Equal(SqlState.UndefinedFunction, error.SqlState);
        }

        await using (var command = new NpgsqlCommand("SELECT $1 / 0", connection))
        {
            command.Parameters.AddWithValue(5);
            PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());
            Assert.Equal(SqlState.DivisionByZero, error.SqlState);
        }

        Assert.Equal(ConnectionState.Open, connection.State);
        await using var ok = new NpgsqlCommand("SELECT $1 || 'x'", connection);
        ok.Parameters.AddWithValue("a'); DROP TABLE ptest; --");
        Assert.Equal("a'); DROP TABLE ptest; --x", await ok.ExecuteScalarAsync());
    }
}
