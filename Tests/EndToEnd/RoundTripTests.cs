using System.Net;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// Every kind of value written as line protocol comes back exactly over the PostgreSQL wire:
/// Npgsql (binary results) and psql (text results).
/// </summary>
public sealed class RoundTripTests : IClassFixture<ServerFixture>
{
    /// <summary>The running server.</summary>
    private readonly ServerFixture _server;

    /// <summary>Uses the shared server.</summary>
    public RoundTripTests(ServerFixture server) => _server = server;

    /// <summary>Float values chosen to catch lossy formatting or parsing.</summary>
    public static TheoryData<string> Floats => new()
    {
        "0.1", "-0.30000000000000004", "1e-300", "1.7976931348623157e308", "5e-324", "123456789012345680000", "3.141592653589793", "-2.5e-05", "0",
    };

    [Theory]
    [MemberData(nameof(Floats))]
    public async Task FloatsAreBitExact(string literal)
    {
        string database = "floats_" + Guid.NewGuid().ToString("N")[..8];
        double value = double.Parse(literal, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.NoContent, (await _server.WriteAsync(database, $"m v={literal} 1000")).StatusCode);

        await using var connection = await _server.ConnectAsync(database);
        await using var command = new NpgsqlCommand("select v from m", connection);
        double read = (double)(await command.ExecuteScalarAsync())!;
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(read));

        var (exitCode, stdout, stderr) = await Psql.RunAsync(_server.Host.PgEndPoint, database, "select v from m");
        Assert.True(exitCode == 0, stderr);
        double fromText = double.Parse(stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(fromText));
    }

    [Fact]
    public async Task EveryTypeComesBackExactly()
    {
        const string database = "roundtrip";
        string body = string.Join('\n',
            "weather,station=K\\ JFK,city=New\\,York t=-9223372036854775808i,u=18446744073709551615u,ok=true,note=\"héllo \\\"wörld\\\" ✓\",f=1.5 1704067200000000000",
            "weather,station=ÆØÅ,city=Oslo t=9223372036854775807i,u=0u,ok=F,note=\"\",f=-0.25 -1000000",
            "weather,station=late,city=X f=2,extra=7i 1704067200123456000");
        HttpResponseMessage response = await _server.WriteAsync(database, body);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        await using var connection = await _server.ConnectAsync(database);
        await using var command = new NpgsqlCommand("select station, city, t, u, ok, note, f, extra, time from weather order by time", connection);
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal("ÆØÅ", reader.GetString(0));
        Assert.Equal("Oslo", reader.GetString(1));
        Assert.Equal(long.MaxValue, reader.GetInt64(2));
        Assert.Equal(0m, reader.GetDecimal(3));
        Assert.False(reader.GetBoolean(4));
        Assert.Equal(string.Empty, reader.GetString(5));
        Assert.Equal(-0.25, reader.GetDouble(6));
        Assert.True(reader.IsDBNull(7));
        Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc), reader.GetDateTime(8));

        Assert.True(await reader.ReadAsync());
        Assert.Equal("K JFK", reader.GetString(0));
        Assert.Equal("New,York", reader.GetString(1));
        Assert.Equal(long.MinValue, reader.GetInt64(2));
        Assert.Equal(18446744073709551615m, reader.GetDecimal(3));
        Assert.True(reader.GetBoolean(4));
        Assert.Equal("héllo \"wörld\" ✓", reader.GetString(5));
        Assert.Equal(1.5, reader.GetDouble(6));
        Assert.True(reader.IsDBNull(7));
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), reader.GetDateTime(8));

        Assert.True(await reader.ReadAsync());
        Assert.Equal("late", reader.GetString(0));
        Assert.True(reader.IsDBNull(2));
        Assert.Equal(2.0, reader.GetDouble(6));
        Assert.Equal(7L, reader.GetInt64(7));
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560), reader.GetDateTime(8));
        Assert.False(await reader.ReadAsync());

        var (exitCode, stdout, stderr) = await Psql.RunAsync(
            _server.Host.PgEndPoint, database, "select station, city, t, u, ok, note, f, extra, time from weather order by time");
        Assert.True(exitCode == 0, stderr);
        Assert.Equal(
            "ÆØÅ|Oslo|9223372036854775807|0|f||-0.25||1969-12-31 23:59:59.999+00\n" +
            "K JFK|New,York|-9223372036854775808|18446744073709551615|t|héllo \"wörld\" ✓|1.5||2024-01-01 00:00:00+00\n" +
            "late|X|||||2|7|2024-01-01 00:00:00.123456+00\n",
            stdout);
    }
}
