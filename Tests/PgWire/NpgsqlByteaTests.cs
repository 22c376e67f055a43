using Npgsql;
using NpgsqlTypes;

namespace IOx.Pg.Tests.PgWire;

/// <summary>
/// bytea through a real driver (Npgsql sends byte[] parameters and reads bytea results in binary):
/// every byte value, NUL and high bytes included, comes back unchanged, and functions see the bytes.
/// </summary>
public sealed class NpgsqlByteaTests : IClassFixture<PgWireServer>
{
    /// <summary>The server.</summary>
    private readonly PgWireServer _server;

    /// <summary>Uses the shared server.</summary>
    public NpgsqlByteaTests(PgWireServer server) => _server = server;

    [Fact]
    public async Task ByteArrayParametersRoundTrip()
    {
        byte[] all = new byte[256];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = (byte)i;
        }

        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT $1, length($1), $1 || $2, encode($1, 'hex') = $3, $2, '\\x00ff'::bytea", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = all });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = Array.Empty<byte>() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = Convert.ToHexString(all).ToLowerInvariant() });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("bytea", reader.GetDataTypeName(0));
        Assert.Equal(all, reader.GetFieldValue<byte[]>(0));
        Assert.Equal(256, reader.GetInt32(1));
        Assert.Equal(all, reader.GetFieldValue<byte[]>(2));
        Assert.True(reader.GetBoolean(3));
        Assert.Empty(reader.GetFieldValue<byte[]>(4));
        Assert.Equal(new byte[] { 0x00, 0xFF }, reader.GetFieldValue<byte[]>(5));
    }

    [Fact]
    public async Task ByteaComparesBytewiseWithParameters()
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT $1 < $2, $1 = $1, $2 > '\\x7f'::bytea", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = new byte[] { 0x7F, 0xFF } });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = new byte[] { 0x80 } });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
        Assert.True(reader.GetBoolean(1));
        Assert.True(reader.GetBoolean(2));
    }
}
