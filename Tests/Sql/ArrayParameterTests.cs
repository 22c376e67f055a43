using System.Buffers.Binary;
using System.Text;
using IOx.Pg.Tests.PgWire;
using Npgsql;
using NpgsqlTypes;

namespace IOx.Pg.Tests.Sql;

/// <summary>
/// Array-typed bind parameters: declared by the client (Npgsql sends int4[] 1007, int8[] 1016,
/// text[] 1009 ... in binary) or inferred from context (<c>x = ANY($1)</c>, <c>$1::int[]</c>),
/// in text (array_in's quoting) and binary (array_recv), with PostgreSQL's errors for malformed
/// and multidimensional values.
/// </summary>
public sealed class ArrayParameterTests : IClassFixture<ParameterServer>
{
    /// <summary>The server (table ptest: n = 0..9, host h0/h1).</summary>
    private readonly ParameterServer _fixture;

    /// <summary>Uses the shared server.</summary>
    public ArrayParameterTests(ParameterServer fixture) => _fixture = fixture;

    /// <summary>An open Npgsql connection.</summary>
    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_fixture.Server.ConnectionString());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The first column of every row as text.</summary>
    private static async Task<List<string>> ColumnAsync(NpgsqlCommand command)
    {
        var values = new List<string>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    [Fact]
    public async Task NpgsqlArraysFilterWithAny()
    {
        await using NpgsqlConnection connection = await OpenAsync();
        await using (var command = new NpgsqlCommand("SELECT n FROM ptest WHERE n = ANY(@p) ORDER BY n", connection))
        {
            command.Parameters.Add(new NpgsqlParameter("p", new[] { 1, 3, 12 }));
            Assert.Equal(["1", "3"], await ColumnAsync(command));
        }

        await using (var command = new NpgsqlCommand("SELECT n FROM ptest WHERE n = ANY(@p) ORDER BY n", connection))
        {
            command.Parameters.Add(new NpgsqlParameter("p", new long?[] { 9, null, 0 }));
            Assert.Equal(["0", "9"], await ColumnAsync(command));
        }

        await using (var command = new NpgsqlCommand("SELECT count(*) FROM ptest WHERE host = ANY(@p)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter("p", new[] { "h1", "nope" }));
            Assert.Equal(["5"], await ColumnAsync(command));
        }

        await using (var command = new NpgsqlCommand("SELECT count(*) FROM ptest WHERE n <> ALL(@p)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter("p", new short[] { 2, 4 }));
            Assert.Equal(["8"], await ColumnAsync(command));
        }

        await using (var command = new NpgsqlCommand("SELECT count(*) FROM ptest WHERE n = ANY(@p)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter("p", Array.Empty<long>()));
            Assert.Equal(["0"], await ColumnAsync(command));
        }
    }

    [Fact]
    public async Task NpgsqlArraysRoundTrip()
    {
        await using NpgsqlConnection connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT $1, $2, $3, $4, $5, $6, $7, array_length($1, 1), $3[2]", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { 1, -2, int.MaxValue } });
        command.Parameters.Add(new NpgsqlParameter { Value = new long?[] { long.MinValue, null } });
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { "a", "", "b \"c\"", "NULL", "{x}" } });
        command.Parameters.Add(new NpgsqlParameter { Value = new short[] { 5 } });
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { 1.5, double.NaN, double.NegativeInfinity } });
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { true, false } });
        command.Parameters.Add(new NpgsqlParameter { Value = new uint[] { 0, 26, uint.MaxValue }, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Oid });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("integer[]", reader.GetDataTypeName(0));
        Assert.Equal([1, -2, int.MaxValue], reader.GetFieldValue<int[]>(0));
        Assert.Equal([long.MinValue, null], reader.GetFieldValue<long?[]>(1));
        Assert.Equal(["a", "", "b \"c\"", "NULL", "{x}"], reader.GetFieldValue<string[]>(2));
        Assert.Equal([(short)5], reader.GetFieldValue<short[]>(3));
        Assert.Equal([1.5, double.NaN, double.NegativeInfinity], reader.GetFieldValue<double[]>(4));
        Assert.Equal([true, false], reader.GetFieldValue<bool[]>(5));
        Assert.Equal("oid[]", reader.GetDataTypeName(6));
        Assert.Equal([0u, 26u, uint.MaxValue], reader.GetFieldValue<uint[]>(6));
        Assert.Equal(3, reader.GetInt32(7));
        Assert.Equal("", reader.GetString(8));
    }

    [Fact]
    public async Task UnspecifiedParameterBesideAnyIsInferredAsAnArray()
    {
        (RawPgClient client, _) = await RawPgClient.StartAsync(_fixture.Server.Port);
        await using (client)
        {
            await client.SendAsync(
                FrontendWire.Parse("s", "SELECT count(*) FROM ptest WHERE n = ANY($1) AND host = ANY($2::text[])", 0, 0),
                FrontendWire.Describe('S', "s"),
                FrontendWire.Bind("", "s", ["{1,2,NULL,\" 3 \"}", "{h0,\"h1\"}"], []),
                FrontendWire.Execute("", 0),
                BinaryBind.Message("", "s", [1, 0], [Int8Array(4, 5, null, 6), Encoding.UTF8.GetBytes("{h0}")], []),
                FrontendWire.Execute("", 0),
                FrontendWire.Sync());
            List<BackendMessage> reply = await client.ReadUntilReadyAsync();
            Assert.Equal(['1', 't', 'T', '2', 'D', 'C', '2', 'D', 'C', 'Z'], reply.Select(m => m.Code));

            // ParameterDescription: int8[] (n is bigint) and text[].
            byte[] description = reply[1].Body;
            Assert.Equal(2, BinaryPrimitives.ReadInt16BigEndian(description));
            Assert.Equal(1016, BinaryPrimitives.ReadInt32BigEndian(description.AsSpan(2)));
            Assert.Equal(1009, BinaryPrimitives.ReadInt32BigEndian(description.AsSpan(6)));
            Assert.Equal("3", CellText(reply[4]));
            Assert.Equal("2", CellText(reply[7]));
        }
    }

    [Theory]
    [InlineData("{{1,2},{3,4}}", "0A000")]
    [InlineData("{1,2", "22P02")]
    [InlineData("{1,x}", "22P02")]
    [InlineData("[0:1]={1,2}", "0A000")]
    public async Task MalformedTextArraysAreRefused(string text, string sqlState)
    {
        string error = await BindErrorAsync(1007, 0, Encoding.UTF8.GetBytes(text));
        Assert.Equal(sqlState, error);
    }

    [Fact]
    public async Task MalformedBinaryArraysAreRefusedAsPostgresDoes()
    {
        byte[] good = BinaryBind.Int4Array(1, 2);
        Assert.Equal("42804", await BindErrorAsync(1016, 1, good));
        byte[] twoDimensions = [.. I32(2), .. I32(0), .. I32(23), .. I32(1), .. I32(1), .. I32(2), .. I32(1), .. I32(4), .. I32(1), .. I32(4), .. I32(2)];
        Assert.Equal("0A000", await BindErrorAsync(1007, 1, twoDimensions));
        byte[] sevenDimensions = [.. I32(7), .. I32(0), .. I32(23)];
        Assert.Equal("54000", await BindErrorAsync(1007, 1, sevenDimensions));
        byte[] badFlags = [.. I32(1), .. I32(2), .. I32(23), .. I32(1), .. I32(1), .. I32(4), .. I32(1)];
        Assert.Equal("22P03", await BindErrorAsync(1007, 1, badFlags));
        byte[] shortElement = [.. I32(1), .. I32(0), .. I32(23), .. I32(1), .. I32(1), .. I32(2), 0, 1];
        Assert.Equal("22P03", await BindErrorAsync(1007, 1, shortElement));
        Assert.Equal("08P01", await BindErrorAsync(1007, 1, good[..^2]));
        byte[] lowerBoundZero = [.. I32(1), .. I32(0), .. I32(23), .. I32(1), .. I32(0), .. I32(4), .. I32(1)];
        Assert.Equal("0A000", await BindErrorAsync(1007, 1, lowerBoundZero));
    }

    /// <summary>Binds <paramref name="value"/> as the one parameter of type <paramref name="oid"/> and returns the SQLSTATE of the error.</summary>
    private async Task<string> BindErrorAsync(int oid, short format, byte[] value)
    {
        (RawPgClient client, _) = await RawPgClient.StartAsync(_fixture.Server.Port);
        await using (client)
        {
            await client.SendAsync(
                FrontendWire.Parse("", "SELECT $1", oid),
                BinaryBind.Message("", "", [format], [value], []),
                FrontendWire.Execute("", 0),
                FrontendWire.Sync());
            List<BackendMessage> reply = await client.ReadUntilReadyAsync();
            BackendMessage error = Assert.Single(reply, m => m.Code == 'E');
            return error.Fields()['C'];
        }
    }

    /// <summary>The first cell of a DataRow as text.</summary>
    private static string CellText(BackendMessage row)
    {
        int length = BinaryPrimitives.ReadInt32BigEndian(row.Body.AsSpan(2));
        return Encoding.UTF8.GetString(row.Body, 6, length);
    }

    /// <summary>Big-endian int32.</summary>
    private static byte[] I32(int value) => FrontendWire.Int32(value);

    /// <summary>array_send of one-dimensional int8 elements.</summary>
    private static byte[] Int8Array(params long?[] elements)
    {
        var bytes = new List<byte>();
        bytes.AddRange(I32(1));
        bytes.AddRange(I32(1));
        bytes.AddRange(I32(20));
        bytes.AddRange(I32(elements.Length));
        bytes.AddRange(I32(1));
        foreach (long? element in elements)
        {
            if (element is null)
            {
                bytes.AddRange(I32(-1));
                continue;
            }

            bytes.AddRange(I32(8));
            byte[] value = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(value, element.Value);
            bytes.AddRange(value);
        }

        return [.. bytes];
    }
}
