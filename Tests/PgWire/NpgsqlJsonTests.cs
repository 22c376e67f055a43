using Npgsql;
using NpgsqlTypes;

namespace IOx.Pg.Tests.PgWire;

/// <summary>
/// json and jsonb through a real driver (Npgsql: binary parameters and results): a JSON string
/// parameter comes back as written (json) or normalized (jsonb), described as its type. ("char"
/// needs Npgsql's type loading, off here: WireTypeDifferentialTests covers it byte for byte.)
/// </summary>
public sealed class NpgsqlJsonTests : IClassFixture<PgWireServer>
{
    /// <summary>The server.</summary>
    private readonly PgWireServer _server;

    /// <summary>Uses the shared server.</summary>
    public NpgsqlJsonTests(PgWireServer server) => _server = server;

    [Fact]
    public async Task JsonStringParametersRoundTrip()
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT $1, $2, '{\"z\":1,\"a\":[true]}'::jsonb, json_typeof($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = "{\"b\": 1,  \"a\":2}" });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = "{\"b\": 1,  \"a\":2, \"b\":3}" });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("json", reader.GetDataTypeName(0));
        Assert.Equal("jsonb", reader.GetDataTypeName(1));
        Assert.Equal("jsonb", reader.GetDataTypeName(2));
        Assert.Equal("{\"b\": 1,  \"a\":2}", reader.GetString(0));
        Assert.Equal("{\"a\": 2, \"b\": 3}", reader.GetString(1));
        Assert.Equal("{\"a\": [true], \"z\": 1}", reader.GetString(2));
        Assert.Equal("object", reader.GetString(3));
    }

    [Fact]
    public async Task InvalidJsonParameterIs22P02()
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString(extra: "Include Error Detail=true"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT $1", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = "{\"a\":" });
        PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());
        Assert.Equal("22P02", error.SqlState);
        Assert.Equal("invalid input syntax for type json", error.MessageText);
        Assert.Equal("The input string ended unexpectedly.", error.Detail);
    }
}
