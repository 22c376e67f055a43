using System.Net;
using Npgsql;
using NpgsqlTypes;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>Text-format timestamptz parameters without an offset are read in the session TimeZone, as PostgreSQL does.</summary>
public sealed class TimeZoneParameterTests : IClassFixture<ServerFixture>
{
    /// <summary>The running server.</summary>
    private readonly ServerFixture _server;

    /// <summary>Uses the shared server.</summary>
    public TimeZoneParameterTests(ServerFixture server) => _server = server;

    [Theory]
    [InlineData("UTC", "2024-01-01 00:00:00")]
    [InlineData("Europe/Berlin", "2024-01-01 01:00:00")]
    [InlineData("America/New_York", "2023-12-31 19:00:00")]
    [InlineData("Europe/Berlin", "2024-01-01 00:00:00+00")]
    public async Task TextParameterMatchesTheRowWrittenAtMidnightUtc(string zone, string text)
    {
        string database = "tzparams_" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.NoContent, (await _server.WriteAsync(database, "m v=1 1704067200", "s")).StatusCode);
        await using var connection = await _server.ConnectAsync(database);
        await using (var set = new NpgsqlCommand($"SET TimeZone = '{zone}'", connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var query = new NpgsqlCommand("SELECT count(*) FROM m WHERE time = $1", connection);
        query.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Unknown, Value = text });
        Assert.Equal(1L, await query.ExecuteScalarAsync());
    }
}
