using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// Records through the server as Npgsql reads them: RowDescription type OID 2249 ("record") and, in
/// the extended protocol Npgsql uses, binary record_send values that Npgsql decodes field by field
/// (each field by its own type OID) into object[]: a bare selector and a ROW(...) of table columns.
/// </summary>
public sealed class RecordWireTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task RecordsArriveAsTypeRecordAndDecodeInBinary()
    {
        const string db = "records_wire";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5,n=2i 1704067200000000000\ncpu,host=b usage=2.25,n=3i 1704067210000000000")).IsSuccessStatusCode);
        // Npgsql's own type loading (off in the shared data sources) reads pg_type, where record is 2249.
        await using NpgsqlDataSource source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder
        {
            Host = server.Host.PgEndPoint.Address.ToString(),
            Port = server.Host.PgEndPoint.Port,
            Username = "postgres",
            Database = db,
            Pooling = false,
        }.ConnectionString);
        await using NpgsqlConnection connection = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT selector_max(usage, time), ROW(host, max(n), NULL::text) FROM cpu GROUP BY host ORDER BY host", connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        Assert.Equal("record", reader.GetDataTypeName(0));
        Assert.Equal("record", reader.GetDataTypeName(1));
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            object[] selector = reader.GetFieldValue<object[]>(0);
            object[] row = reader.GetFieldValue<object[]>(1);
            rows.Add($"{selector[0]}|{((DateTime)selector[1]).ToUniversalTime():O}|{row[0]}|{row[1]}|{row[2] is null or DBNull}");
        }

        Assert.Equal(
            [
                "1.5|2024-01-01T00:00:00.0000000Z|a|2|True",
                "2.25|2024-01-01T00:00:10.0000000Z|b|3|True",
            ],
            rows);
    }
}
