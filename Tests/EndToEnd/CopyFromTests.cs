using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>COPY table FROM STDIN as a second write path, through Npgsql's importer and psql's \copy, against the whole server.</summary>
public sealed class CopyFromTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>Creates <paramref name="database"/> with a cpu table (tags host, fields usage/n/ok/msg) holding one row.</summary>
    private async Task SeedAsync(string database)
    {
        HttpResponseMessage response = await server.WriteAsync(database, "cpu,host=a usage=1.5,n=2i,ok=true,msg=\"first\" 1704067200000000000");
        Assert.True(response.IsSuccessStatusCode);
    }

    /// <summary>Rows of a query as text, one "a|b|c" string per row.</summary>
    private async Task<List<string>> RowsAsync(string database, string sql)
    {
        await using NpgsqlConnection connection = await server.ConnectAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new string[reader.FieldCount];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            rows.Add(string.Join('|', values));
        }

        return rows;
    }

    [Fact]
    public async Task TextImportWritesTypedRowsAndRewritesDeduplicate()
    {
        const string db = "copy_text";
        await SeedAsync(db);
        await using (NpgsqlConnection connection = await server.ConnectAsync(db))
        {
            using TextWriter writer = await connection.BeginTextImportAsync("COPY cpu (time, host, usage, n, ok, msg) FROM STDIN");
            await writer.WriteAsync("2024-01-01 00:00:10+00\tb\t2.25\t3\tf\ttab\\there\n");
            await writer.WriteAsync("2024-01-01 00:00:20+00\tb\t\\N\t4\t\\N\tcomma, \"quote\"\n");
            await writer.WriteAsync("2024-01-01 00:00:00+00\ta\t9.5\t\\N\t\\N\t\\N\n"); // rewrites host a's first row
        }

        List<string> rows = await RowsAsync(db, "SELECT host, usage, n, ok, msg FROM cpu ORDER BY time, host");
        Assert.Equal(
            [
                "a|9.5|2|True|first",
                "b|2.25|3|False|tab\there",
                "b|NULL|4|NULL|comma, \"quote\"",
            ],
            rows);
    }

    [Fact]
    public async Task BadValueWritesNothingAndTheSessionGoesOn()
    {
        const string db = "copy_bad";
        await SeedAsync(db);
        await using NpgsqlConnection connection = await server.ConnectAsync(db);
        PostgresException error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            using TextWriter writer = await connection.BeginTextImportAsync("COPY cpu (time, host, usage) FROM STDIN");
            await writer.WriteAsync("2024-01-01 00:01:00+00\tc\t1.0\n");
            await writer.WriteAsync("2024-01-01 00:02:00+00\tc\tnot-a-number\n");
        });
        Assert.Equal("22P02", error.SqlState);
        Assert.Equal("invalid input syntax for type double precision: \"not-a-number\"", error.MessageText);

        await using var command = new NpgsqlCommand("SELECT count(*) FROM cpu", connection);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task UnknownTableOrColumnAndNullTimeArePostgresErrors()
    {
        const string db = "copy_errors";
        await SeedAsync(db);
        await using NpgsqlConnection connection = await server.ConnectAsync(db);
        PostgresException noTable = await Assert.ThrowsAsync<PostgresException>(() => connection.BeginTextImportAsync("COPY nowhere FROM STDIN"));
        Assert.Equal("42P01", noTable.SqlState);
        PostgresException noColumn = await Assert.ThrowsAsync<PostgresException>(() => connection.BeginTextImportAsync("COPY cpu (time, nope) FROM STDIN"));
        Assert.Equal(("42703", "column \"nope\" of relation \"cpu\" does not exist"), (noColumn.SqlState, noColumn.MessageText));
        PostgresException nullTime = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            using TextWriter writer = await connection.BeginTextImportAsync("COPY cpu (time, host, usage) FROM STDIN");
            await writer.WriteAsync("\\N\tz\t1\n");
        });
        Assert.Equal("23502", nullTime.SqlState);
    }

    [Fact]
    public async Task PsqlBackslashCopyReadsCsvWithHeader()
    {
        const string db = "copy_csv";
        await SeedAsync(db);
        string file = Path.Combine(Path.GetTempPath(), $"ioxpg-copy-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "time,host,usage,msg\n2024-01-01T00:05:00Z,\"d,1\",7.5,\"multi\nline\"\n2024-01-01T00:06:00Z,e,,\"\"\n");
        try
        {
            (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, $"\\copy cpu (time, host, usage, msg) from '{file}' with csv header", tuplesOnly: false);
            Assert.True(exit == 0, stderr);
            Assert.Equal("COPY 2", stdout.Trim());
        }
        finally
        {
            File.Delete(file);
        }

        List<string> rows = await RowsAsync(db, "SELECT host, usage, msg FROM cpu WHERE time > '2024-01-01T00:01:00Z' ORDER BY time");
        Assert.Equal(["d,1|7.5|multi\nline", "e|NULL|"], rows);
    }
}
