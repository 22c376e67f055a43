using System.Net;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Server.PgWire;
using IOx.Pg.Tests.EndToEnd;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Tests.PgWire;

/// <summary>
/// COPY ... TO STDOUT in text, CSV and binary, byte for byte against a real PostgreSQL 15 running
/// the same statement (Npgsql's export API reads the CopyData stream of both), and option errors
/// with PostgreSQL's SQLSTATE and message.
/// </summary>
public sealed class CopyToTests : IClassFixture<RealPostgres>, IAsyncLifetime
{
    /// <summary>Queries whose rows are copied: every value class COPY escapes or quotes.</summary>
    private static readonly string[] s_queries =
    [
        "SELECT 1 AS a, 'plain' AS b, NULL::text AS c, 2.5::float8 AS d, true AS e",
        "SELECT E'tab\\there' AS s UNION ALL SELECT E'new\\nline' UNION ALL SELECT E'back\\\\slash' UNION ALL SELECT 'comma,quote\"' UNION ALL SELECT '' UNION ALL SELECT NULL UNION ALL SELECT E'\\\\.' UNION ALL SELECT E'cr\\rx' UNION ALL SELECT 'pipe|bar' UNION ALL SELECT 'it''s'",
        "SELECT '2024-01-02 03:04:05.123456+00'::timestamptz AS t, 12345678901::bigint AS n, 'x'::varchar AS v, -0.5::float8 AS f, NULL::bigint AS z",
    ];

    /// <summary>Option clauses tried on every query.</summary>
    private static readonly string[] s_options =
    [
        "",
        "WITH (FORMAT csv)",
        "WITH (FORMAT csv, HEADER)",
        "CSV HEADER",
        "WITH CSV",
        "WITH (FORMAT text, HEADER true)",
        "WITH (DELIMITER '|', NULL 'NULL')",
        "WITH (FORMAT csv, QUOTE '''', ESCAPE '\\', FORCE_QUOTE *)",
        "WITH (FORMAT csv, NULL 'nil', DELIMITER ';')",
        "DELIMITER AS '|' NULL AS ''",
    ];

    /// <summary>The reference server.</summary>
    private readonly RealPostgres _postgres;

    /// <summary>Our listener.</summary>
    private PgWireListener _listener = null!;

    /// <summary>Creates the tests over the shared reference server.</summary>
    public CopyToTests(RealPostgres postgres) => _postgres = postgres;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        var storage = new StorageBuffer();
        storage.GetOrCreateDatabase("db1");
        _listener = new PgWireListener(new IPEndPoint(IPAddress.Loopback, 0), new QueryEngine(storage), storage, NullLogger.Instance);
        await _listener.StartAsync(CancellationToken.None);
    }

    /// <inheritdoc/>
    public async Task DisposeAsync() => await _listener.DisposeAsync();

    /// <summary>Every (query, options) pair.</summary>
    public static TheoryData<int, int> TextCases()
    {
        var data = new TheoryData<int, int>();
        for (int q = 0; q < s_queries.Length; q++)
        {
            for (int o = 0; o < s_options.Length; o++)
            {
                data.Add(q, o);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TextCases))]
    public async Task TextAndCsvOutputIsPostgresOutput(int query, int options)
    {
        string sql = $"COPY ({s_queries[query]}) TO STDOUT {s_options[options]}";
        string expected = await TextExportAsync(_postgres.ConnectionString, sql);
        string actual = await TextExportAsync(Ours(), sql);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(0, "WITH (FORMAT binary)")]
    [InlineData(2, "WITH (FORMAT binary)")]
    [InlineData(2, "BINARY")]
    public async Task BinaryOutputIsPostgresOutput(int query, string options)
    {
        string sql = $"COPY ({s_queries[query]}) TO STDOUT {options}";
        byte[] expected = await BinaryExportAsync(_postgres.ConnectionString, sql);
        byte[] actual = await BinaryExportAsync(Ours(), sql);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
    }

    [Theory]
    [InlineData("WITH (FORMAT xml)")]
    [InlineData("WITH (DELIMITER 'ab')")]
    [InlineData("WITH (FORMAT binary, DELIMITER ',')")]
    [InlineData("WITH (FORMAT binary, NULL 'x')")]
    [InlineData("WITH (QUOTE '\"')")]
    [InlineData("WITH (ESCAPE '\\')")]
    [InlineData("WITH (FORMAT csv, QUOTE ',')")]
    [InlineData("WITH (HEADER 'maybe')")]
    [InlineData("WITH (FOO 1)")]
    [InlineData("WITH (FORMAT csv, FORMAT text)")]
    [InlineData("WITH (DELIMITER '\\')")]
    [InlineData("WITH (FORCE_QUOTE *)")]
    [InlineData("WITH (FORMAT csv, NULL '\"')")]
    [InlineData("WITH (FORMAT csv, FORCE_NOT_NULL (a))")]
    public async Task OptionErrorsArePostgresErrors(string options)
    {
        string sql = $"COPY (SELECT 1 AS a) TO STDOUT {options}";
        PostgresException expected = await Assert.ThrowsAsync<PostgresException>(() => TextExportAsync(_postgres.ConnectionString, sql));
        PostgresException actual = await Assert.ThrowsAsync<PostgresException>(() => TextExportAsync(Ours(), sql));
        Assert.Equal((expected.SqlState, expected.MessageText), (actual.SqlState, actual.MessageText));
    }

    [Fact]
    public async Task FilesAndCopyFromAreRefusedAndTheSessionGoesOn()
    {
        await using var connection = new NpgsqlConnection(Ours());
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand("COPY (SELECT 1) TO '/tmp/x.csv'", connection))
        {
            PostgresException toFile = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal("0A000", toFile.SqlState);
            Assert.Contains("\\copy", toFile.Hint, StringComparison.Ordinal);
        }

        await using (var command = new NpgsqlCommand("SELECT 2", connection))
        {
            Assert.Equal(2, (int)(await command.ExecuteScalarAsync())!);
        }
    }

    [Fact]
    public async Task PsqlBackslashCopyWritesCsvWithHeader()
    {
        (int exit, string stdout, string stderr) = await Psql.RunAsync(
            _listener.LocalEndPoint, "db1", "\\copy (SELECT 1 AS a, 'x,y' AS b UNION ALL SELECT 2, NULL) to stdout with csv header");
        Assert.True(exit == 0, stderr);
        Assert.Equal("a,b\n1,\"x,y\"\n2,\n", stdout);
    }

    /// <summary>Our connection string.</summary>
    private string Ours() =>
        $"Host=127.0.0.1;Port={_listener.Port};Username=tester;Database=db1;Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=10";

    /// <summary>Runs a COPY TO STDOUT in text/CSV and returns all its data.</summary>
    private static async Task<string> TextExportAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        using TextReader reader = await connection.BeginTextExportAsync(sql);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Runs a binary COPY TO STDOUT and returns its raw bytes.</summary>
    private static async Task<byte[]> BinaryExportAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using NpgsqlRawCopyStream stream = await connection.BeginRawBinaryCopyAsync(sql);
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return bytes.ToArray();
    }
}
