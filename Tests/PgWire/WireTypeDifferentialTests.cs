using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Npgsql;

namespace IOx.Pg.Tests.PgWire;

/// <summary>
/// Every type issue 5 lists, byte for byte against a real PostgreSQL 15, through the wire protocol
/// of both servers: <c>SELECT $1</c> with the parameter's type declared in Parse, bound in text and
/// in binary (PostgreSQL's own send bytes for the value), results asked for in text and in binary.
/// Both servers see the same messages from the same raw client, so any difference in a DataRow cell
/// (or one server refusing what the other accepts) is a difference in our codec. Also float text
/// under every extra_float_digits, for casts and concatenation as well as result columns.
/// </summary>
public sealed class WireTypeDifferentialTests : IClassFixture<RealPostgres>, IClassFixture<PgWireServer>
{
    /// <summary>The reference server.</summary>
    private readonly RealPostgres _postgres;

    /// <summary>Our server.</summary>
    private readonly PgWireServer _ours;

    /// <summary>Uses the shared servers.</summary>
    public WireTypeDifferentialTests(RealPostgres postgres, PgWireServer ours)
    {
        _postgres = postgres;
        _ours = ours;
    }

    /// <summary>Type name, OID, and text values (null = NULL) covering each type's edges.</summary>
    public static TheoryData<string, int, string?[]> Types() => new()
    {
        { "bool", 16, ["t", "f", null] },
        { "int2", 21, ["0", "-32768", "32767", "-1", null] },
        { "int4", 23, ["0", "-2147483648", "2147483647", "42", null] },
        { "int8", 20, ["0", "-9223372036854775808", "9223372036854775807", "-5", null] },
        { "float4", 700, ["0", "-0", "1.5", "3.4028235e+38", "1e-45", "Infinity", "-Infinity", "NaN", "0.1", "1234567", null] },
        { "float8", 701, ["0", "-0", "1e23", "1.7976931348623157e+308", "5e-324", "Infinity", "-Infinity", "NaN", "0.1", "-123456789012345678", null] },
        { "numeric", 1700, ["0", "0.00", "-1.50", "123456789012345678901234.5678", "0.000000001", "-99999999999999999999", "10000", "1e-20", null] },
        { "text", 25, ["", "héllo", "a\tb", "'quoted' \"double\" \\back", null] },
        { "varchar", 1043, ["", "x y", null] },
        { "name", 19, ["pg_class", "", null] },
        { "bpchar", 1042, ["ab", "", null] },
        { "oid", 26, ["0", "4294967295", "1259", null] },
        { "regclass", 2205, ["99999", "0", "1259", "pg_class", "pg_catalog.pg_type", null] },
        { "regtype", 2206, ["99999", "0", "23", "integer", "character varying", null] },
        { "regproc", 24, ["99999", "0", "42", "int4in", null] },
        { "char", 18, ["a", "", "\\303", "\\101", "é", "ab", " ", null] },
        { "json", 114, ["{}", " {\"b\":1, \"a\":[1,2.50], \"a\":2} ", "\"\\u00e9\\n\"", "null", "1e2", "{\"a\":x}", "[1,", "01", null] },
        { "jsonb", 3802, ["{}", "{\"b\":1, \"a\":[1,2.50,1e2,-0.0,1.5E-3], \"aa\":null, \"a\":true}", "\"x\\ty\\u00e9\\\"\"", "[1, \"aa\", {\"ccc\":null,\"d\":false}]", "-0", "{\"a\" 1}", "\"\\u0000\"", null] },
        { "bytea", 17, ["\\x", "", "\\x00ff5C80", "a\\000b\\377\\\\c", "\\\\", "\\x41 42\n", " \\x00", "\\xzz", "\\x123", "a\\9", "\\", "é\u0001~\u007f", null] },
        { "timestamptz", 1184, ["2024-01-01 00:00:00+00", "1999-12-31 23:59:59.999999+00", "1970-01-01 00:00:00.000001+00", "1900-02-28 12:34:56.5+00", "2262-04-11 23:47:16+00", null] },
        { "timestamp", 1114, ["2024-01-01 00:00:00", "1999-12-31 23:59:59.123456", "1677-09-22 00:12:44", "2000-01-01 00:00:00", null] },
        { "date", 1082, ["2024-02-29", "1999-12-31", "2000-01-01", "0001-01-01", "1970-01-01", null] },
        { "interval", 1186, ["0", "1 year 2 mons", "-3 days 04:05:06.000007", "1 mon -1 days", "-00:00:00.000001", "178000000 years", null] },
        { "int2[]", 1005, ["{}", "{1,-32768,NULL}", null] },
        { "int4[]", 1007, ["{}", "{2147483647,NULL,0}", null] },
        { "int8[]", 1016, ["{}", "{-9223372036854775808,7}", null] },
        { "oid[]", 1028, ["{}", "{0,4294967295}", null] },
        { "text[]", 1009, ["{}", "{\"\",NULL,\"NULL\",\"a b\",\"q\\\"x\",\"{}\"}", null] },
        { "name[]", 1003, ["{}", "{pg_class,\"a,b\"}", null] },
        { "varchar[]", 1015, ["{}", "{x,NULL,\" y \"}", null] },
        { "bool[]", 1000, ["{}", "{t,f,NULL}", null] },
        { "float4[]", 1021, ["{}", "{1.5,-0,NaN,-Infinity,3.4028235e+38}", null] },
        { "float8[]", 1022, ["{}", "{0.1,1e23,NaN,Infinity,5e-324,NULL}", null] },
        { "numeric[]", 1231, ["{}", "{1.50,-0.001,NULL,123456789012345678901234}", null] },
        { "timestamptz[]", 1185, ["{}", "{\"1999-12-31 23:59:59.000001+00\",NULL}", null] },
        { "timestamp[]", 1115, ["{}", "{\"1900-01-01 00:00:00\"}", null] },
        { "date[]", 1182, ["{}", "{0001-01-01,2000-01-01,NULL}", null] },
        { "interval[]", 1187, ["{}", "{\"1 mon -2 days 00:00:00.5\",NULL}", null] },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public Task ParameterAndResultEncodingsMatchPostgres(string type, int oid, string?[] values) => CompareEncodingsAsync(type, oid, values, "hex");

    [Fact]
    public Task ByteaTextOutputFollowsByteaOutputEscape() =>
        CompareEncodingsAsync("bytea", 17, ["\\x", "\\x000a1f207e7f80ff5c41", "a\\000b\\377\\\\", "é", null], "escape");

    /// <summary>Every value of <paramref name="type"/> through both servers, in every format pairing, under bytea_output <paramref name="byteaOutput"/>.</summary>
    private async Task CompareEncodingsAsync(string type, int oid, string?[] values, string byteaOutput)
    {
        var mismatches = new List<string>();
        await using Connection postgres = await Connection.OpenAsync(_postgres.Port, "postgres", "postgres", byteaOutput);
        await using Connection ours = await Connection.OpenAsync(_ours.Port, "tester", "db1", byteaOutput);
        foreach (string? value in values)
        {
            byte[]? text = value is null ? null : Encoding.UTF8.GetBytes(value);
            foreach (short resultFormat in (short[])[0, 1])
            {
                Cell theirs = await postgres.SelectAsync(oid, 0, text, resultFormat);
                Cell mine = await ours.SelectAsync(oid, 0, text, resultFormat);
                Compare($"{type} '{value}' text in, {(resultFormat == 0 ? "text" : "binary")} out", theirs, mine, mismatches);
            }

            // PostgreSQL's binary form of the value, sent back to both in binary.
            Cell send = await postgres.SelectAsync(oid, 0, text, 1);
            if (send.Error is not null)
            {
                continue;
            }

            foreach (short resultFormat in (short[])[0, 1])
            {
                Cell theirs = await postgres.SelectAsync(oid, 1, send.Value, resultFormat);
                Cell mine = await ours.SelectAsync(oid, 1, send.Value, resultFormat);
                Compare($"{type} '{value}' binary in, {(resultFormat == 0 ? "text" : "binary")} out", theirs, mine, mismatches);
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [InlineData(1700, 0, "NaN")]
    [InlineData(1700, 0, "-Infinity")]
    [InlineData(1700, 1, "00000000C0000000")]
    public async Task TypesNotBuiltAreRefusedNotGuessed(int oid, short format, string value)
    {
        // numeric is System.Decimal (no NaN or infinity): PostgreSQL accepts these, we answer
        // 0A000 instead of a wrong value.
        await using Connection ours = await Connection.OpenAsync(_ours.Port, "tester", "db1");
        byte[] bytes = format == 0 ? Encoding.UTF8.GetBytes(value) : Convert.FromHexString(value);
        Cell cell = await ours.SelectAsync(oid, format, bytes, 0);
        Assert.Equal("0A000", cell.Error);
        await using Connection postgres = await Connection.OpenAsync(_postgres.Port, "postgres", "postgres");
        Assert.Null((await postgres.SelectAsync(oid, format, bytes, 0)).Error);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-4)]
    [InlineData(-15)]
    public async Task FloatTextFollowsExtraFloatDigitsInCastsAndConcatenation(int extraFloatDigits)
    {
        var random = new Random(extraFloatDigits + 100);
        var values = new List<double> { 0.1, 1.0 / 3, 1e23, -2.5, 100, 123456789012345, 1234567, 0.0001234, 0.00001234, 1e-40, 3.4e38, -0.0, double.NaN, double.PositiveInfinity };
        while (values.Count < 400)
        {
            values.Add(random.Next(-1_000_000, 1_000_000) * Math.Pow(10, random.Next(-20, 20)));
            values.Add(BitConverter.Int64BitsToDouble(random.NextInt64(0x3800_0000_0000_0000, 0x47E0_0000_0000_0000)));
        }

        const string sql = "select v::text, 'v=' || v, v::float4::text, (v::float4) || '', array[v, 1/3.0::float8]::text, array[v::float4] from unnest($1::float8[]) with ordinality t(v, n) order by n";
        List<string> theirs = await FloatRowsAsync(_postgres.ConnectionString, sql, values, extraFloatDigits);
        List<string> mine = await FloatRowsAsync(_ours.ConnectionString(), sql, values, extraFloatDigits);
        Assert.Equal(theirs.Count, mine.Count);
        var mismatches = new List<string>();
        for (int i = 0; i < theirs.Count; i++)
        {
            if (theirs[i] != mine[i])
            {
                mismatches.Add($"{values[i].ToString("R", CultureInfo.InvariantCulture)}: PostgreSQL {theirs[i]}, ours {mine[i]}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(40)));
    }

    /// <summary>Runs <paramref name="sql"/> after SET extra_float_digits and returns each row's cells joined by '|'.</summary>
    private static async Task<List<string>> FloatRowsAsync(string connectionString, string sql, List<double> values, int extraFloatDigits)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand($"SET extra_float_digits = {extraFloatDigits.ToString(CultureInfo.InvariantCulture)}", connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        // Every column in text, so the float4[] result column is the server's own array text output.
        await using var command = new NpgsqlCommand(sql, connection) { AllResultTypesAreUnknown = true };
        command.Parameters.AddWithValue(values.ToArray());
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)}|{reader.GetString(1)}|{reader.GetString(2)}|{reader.GetString(3)}|{reader.GetString(4)}|{reader.GetString(5)}");
        }

        return rows;
    }

    /// <summary>Adds a line to <paramref name="mismatches"/> when the two answers differ.</summary>
    private static void Compare(string what, Cell theirs, Cell mine, List<string> mismatches)
    {
        if (theirs.Error != mine.Error)
        {
            mismatches.Add($"{what}: PostgreSQL {theirs.Describe()}, ours {mine.Describe()}");
        }
        else if (theirs.Error is null && !(theirs.Value is null ? mine.Value is null : mine.Value is not null && theirs.Value.AsSpan().SequenceEqual(mine.Value)))
        {
            mismatches.Add($"{what}: PostgreSQL {theirs.Describe()}, ours {mine.Describe()}");
        }
    }

    /// <summary>One answer: the cell's bytes (null = NULL) or the SQLSTATE of an error.</summary>
    private sealed record Cell(byte[]? Value, string? Error)
    {
        /// <summary>Hex and, when printable, text.</summary>
        public string Describe() => Error is not null ? "error " + Error
            : Value is null ? "NULL"
            : $"{Convert.ToHexString(Value)} \"{Encoding.UTF8.GetString(Value)}\"";
    }

    /// <summary>A raw protocol session on one server, session TimeZone UTC, bytea_output as asked (hex by default).</summary>
    private sealed class Connection : IAsyncDisposable
    {
        /// <summary>The raw client.</summary>
        private readonly RawPgClient _client;

        /// <summary>Wraps a started client.</summary>
        private Connection(RawPgClient client) => _client = client;

        /// <summary>Connects and completes startup.</summary>
        public static async Task<Connection> OpenAsync(int port, string user, string database, string byteaOutput = "hex")
        {
            RawPgClient client = await RawPgClient.ConnectAsync(port);
            await client.SendAsync(FrontendWire.Startup(("user", user), ("database", database), ("TimeZone", "UTC"), ("extra_float_digits", "1"), ("bytea_output", byteaOutput)));
            List<BackendMessage> startup = await client.ReadUntilReadyAsync();
            Assert.DoesNotContain(startup, m => m.Code == 'E');
            return new Connection(client);
        }

        /// <summary><c>SELECT $1</c> with $1 declared as <paramref name="oid"/>, bound in <paramref name="format"/>, result in <paramref name="resultFormat"/>.</summary>
        public async Task<Cell> SelectAsync(int oid, short format, byte[]? value, short resultFormat)
        {
            await _client.SendAsync(
                FrontendWire.Parse("", "SELECT $1", oid),
                BinaryBind.Message("", "", [format], [value], [resultFormat]),
                FrontendWire.Execute("", 0),
                FrontendWire.Sync());
            List<BackendMessage> reply = await _client.ReadUntilReadyAsync();
            BackendMessage? error = reply.Find(m => m.Code == 'E');
            if (error is not null)
            {
                return new Cell(null, error.Fields()['C']);
            }

            BackendMessage row = Assert.Single(reply, m => m.Code == 'D');
            int length = BinaryPrimitives.ReadInt32BigEndian(row.Body.AsSpan(2));
            return new Cell(length < 0 ? null : row.Body.AsSpan(6, length).ToArray(), null);
        }

        /// <inheritdoc/>
        public ValueTask DisposeAsync() => _client.DisposeAsync();
    }
}
