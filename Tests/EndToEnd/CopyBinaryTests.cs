using Npgsql;
using NpgsqlTypes;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// PostgreSQL's binary COPY format both ways through Npgsql: BeginBinaryImport writes rows through
/// the same validated, durable path as line protocol; BeginBinaryExport reads them back typed.
/// </summary>
public sealed class CopyBinaryTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>Creates <paramref name="database"/> with a cpu table (tag host, fields usage/n/ok/msg/big) holding one row.</summary>
    private async Task SeedAsync(string database)
    {
        HttpResponseMessage response = await server.WriteAsync(database, "cpu,host=a usage=1.5,n=2i,ok=true,msg=\"first\",big=7u 1704067200000000000");
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task BinaryImportWritesTypedRowsAndBinaryExportReadsThem()
    {
        const string db = "copy_binary";
        await SeedAsync(db);
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (NpgsqlConnection connection = await server.ConnectAsync(db))
        {
            await using NpgsqlBinaryImporter importer = await connection.BeginBinaryImportAsync("COPY cpu (time, host, usage, n, ok, msg, big) FROM STDIN (FORMAT BINARY)");
            await importer.WriteRowAsync(default, t0.AddSeconds(10), "b", 2.25, 3L, false, "tab\there \"q\" \\ ünï", 18446744073709551615m);
            await importer.StartRowAsync();
            await importer.WriteAsync(t0.AddSeconds(20), NpgsqlDbType.TimestampTz);
            await importer.WriteAsync("b,x=1 y", NpgsqlDbType.Text);
            await importer.WriteNullAsync();
            await importer.WriteAsync(4L, NpgsqlDbType.Bigint);
            await importer.WriteNullAsync();
            await importer.WriteAsync("comma, =", NpgsqlDbType.Text);
            await importer.WriteAsync(12000m, NpgsqlDbType.Numeric);
            await importer.WriteRowAsync(default, t0, "a", 9.5, null, null, null, null); // rewrites host a's first row
            Assert.Equal(3UL, await importer.CompleteAsync());
        }

        await using (NpgsqlConnection connection = await server.ConnectAsync(db))
        {
            var rows = new List<string>();
            await using (NpgsqlBinaryExporter exporter = await connection.BeginBinaryExportAsync("COPY (SELECT time, host, usage, n, ok, msg, big FROM cpu ORDER BY time, host) TO STDOUT (FORMAT BINARY)"))
            {
                while (await exporter.StartRowAsync() != -1)
                {
                    DateTime time = await exporter.ReadAsync<DateTime>(NpgsqlDbType.TimestampTz);
                    string host = await exporter.ReadAsync<string>(NpgsqlDbType.Text);
                    string usage = exporter.IsNull ? Skip(exporter) : (await exporter.ReadAsync<double>(NpgsqlDbType.Double)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    string n = exporter.IsNull ? Skip(exporter) : (await exporter.ReadAsync<long>(NpgsqlDbType.Bigint)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    string ok = exporter.IsNull ? Skip(exporter) : (await exporter.ReadAsync<bool>(NpgsqlDbType.Boolean)).ToString();
                    string msg = exporter.IsNull ? Skip(exporter) : await exporter.ReadAsync<string>(NpgsqlDbType.Text);
                    string big = exporter.IsNull ? Skip(exporter) : (await exporter.ReadAsync<decimal>(NpgsqlDbType.Numeric)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    rows.Add($"{(time - t0).TotalSeconds}|{host}|{usage}|{n}|{ok}|{msg}|{big}");
                }
            }

            Assert.Equal(
                [
                    "0|a|9.5|2|True|first|7",
                    "10|b|2.25|3|False|tab\there \"q\" \\ ünï|18446744073709551615",
                    "20|b,x=1 y|NULL|4|NULL|comma, =|12000",
                ],
                rows);
        }
    }

    [Fact]
    public async Task MalformedBinaryInputWritesNothingAndTheSessionGoesOn()
    {
        const string db = "copy_binary_bad";
        await SeedAsync(db);
        await using NpgsqlConnection connection = await server.ConnectAsync(db);

        // A float8 column given 4 bytes: 22P03, as PostgreSQL's float8recv.
        var wrongSize = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using NpgsqlBinaryImporter importer = await connection.BeginBinaryImportAsync("COPY cpu (time, host, usage) FROM STDIN (FORMAT BINARY)");
            await importer.WriteRowAsync(default, DateTime.UnixEpoch.AddYears(54), "z", 1.5f);
            await importer.CompleteAsync();
        });
        Assert.Equal("22P03", wrongSize.SqlState);

        // A NULL time: 23502.
        var nullTime = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using NpgsqlBinaryImporter importer = await connection.BeginBinaryImportAsync("COPY cpu (time, host, usage) FROM STDIN (FORMAT BINARY)");
            await importer.WriteRowAsync(default, null, "z", 1.5);
            await importer.CompleteAsync();
        });
        Assert.Equal("23502", nullTime.SqlState);

        // Not the binary signature (text sent as if binary): 22P04.
        await using (var raw = connection.BeginRawBinaryCopy("COPY cpu (time, host, usage) FROM STDIN (FORMAT BINARY)"))
        {
            byte[] text = "2024-01-01\tz\t1\n"u8.ToArray();
            await raw.WriteAsync(text);
            var signature = await Assert.ThrowsAsync<PostgresException>(async () => await raw.DisposeAsync());
            Assert.Equal("22P04", signature.SqlState);
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM cpu", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    /// <summary>Skips a NULL column of the exporter's row and names it.</summary>
    private static string Skip(NpgsqlBinaryExporter exporter)
    {
        exporter.Skip();
        return "NULL";
    }
}
