using System.Globalization;
using System.Net;
using System.Text;
using IOx.Pg.Server.Hosting;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;
using IOx.Pg.Tests.Parquet;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// DELETE and compaction through the wire (HTTP writes, Npgsql statements) over a mix of persisted
/// files and buffered rows, across restarts (rows only in the WAL included).
/// </summary>
public sealed class DeleteCompactionEndToEndTests : IDisposable
{
    /// <summary>The data directory of every server of a test.</summary>
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ioxpg-delete-e2e-" + Guid.NewGuid().ToString("N"));

    /// <summary>Log output is discarded.</summary>
    private readonly ILoggerFactory _loggerFactory = LoggerFactory.Create(_ => { });

    /// <summary>HTTP client for writes.</summary>
    private readonly HttpClient _http = new();

    /// <summary>Starts a server on the data directory (background compaction off unless asked: tests run VACUUM).</summary>
    private async Task<ServerHost> StartAsync(TimeSpan? compactionInterval = null, int minFiles = 4, long targetFileBytes = 100L << 20)
    {
        var host = new ServerHost(
            new ServerOptions
            {
                DataDir = _dataDir,
                PgListen = new IPEndPoint(IPAddress.Loopback, 0),
                HttpListen = new IPEndPoint(IPAddress.Loopback, 0),
                CompactionInterval = compactionInterval ?? TimeSpan.Zero,
                CompactionMinFiles = minFiles,
                CompactionTargetFileBytes = targetFileBytes,
            },
            _loggerFactory);
        await host.StartAsync(CancellationToken.None);
        return host;
    }

    /// <summary>A connection to database <c>weather</c>.</summary>
    private static async Task<NpgsqlConnection> ConnectAsync(ServerHost host)
    {
        var connection = new NpgsqlConnection($"Host={host.PgEndPoint.Address};Port={host.PgEndPoint.Port};Username=postgres;Database=weather;Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=10;Command Timeout=60");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Posts line protocol (seconds) to database weather.</summary>
    private async Task WriteAsync(ServerHost host, string lines)
    {
        using var content = new StringContent(lines, Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await _http.PostAsync(new Uri($"http://{host.HttpEndPoint}/api/v2/write?bucket=weather&precision=s"), content);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Rows of a query as '|'-joined text.</summary>
    private static Task<List<string>> QueryAsync(NpgsqlConnection connection, string sql) =>
        InProcessServer.QueryAsync(connection, sql);

    /// <summary>Runs a statement; returns the row count of its command tag.</summary>
    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The table buffer of weather.obs.</summary>
    private static TableBuffer Obs(ServerHost host)
    {
        Assert.True(host.Storage.TryGetDatabase("weather", out DatabaseBuffer? database));
        Assert.True(database!.TryGetTable("obs", out TableBuffer? table));
        return table!;
    }

    /// <summary>Per-city row count and temperature sum.</summary>
    private const string Summary = "SELECT city, count(*), sum(temp) FROM obs GROUP BY city ORDER BY city";

    [Fact]
    public async Task DeleteHidesRowsInFilesAndBufferAtOnceAndAfterRestartsAndCompaction()
    {
        // Day 1: 1700000000 = 2023-11-14 22:13:20Z. oslo has 3 rows in a file and 2 in the buffer.
        List<string> afterDelete = ["lyon|1|33", "oslo|3|109", "rome|1|7"];
        await using (ServerHost first = await StartAsync())
        {
            await WriteAsync(first, "obs,city=oslo temp=1i 1700000000\nobs,city=oslo temp=2i 1700000060\nobs,city=oslo temp=3i 1700000120\nobs,city=lyon temp=10i 1700000000\n");
            await using NpgsqlConnection connection = await ConnectAsync(first);
            await ExecuteAsync(connection, "CHECKPOINT");
            await WriteAsync(first, "obs,city=oslo temp=4i 1700000180\nobs,city=oslo temp=5i 1700000240\nobs,city=lyon temp=11i 1700000060\nobs,city=rome temp=7i 1700000000\n");

            // oslo before 22:16:00 (time 1700000160): its three file rows, none of its buffer rows.
            Assert.Equal(3, await ExecuteAsync(connection, "DELETE FROM obs WHERE city = 'oslo' AND time < '2023-11-14 22:16:00+00'"));
            Assert.Equal(["lyon|2|21", "oslo|2|9", "rome|1|7"], await QueryAsync(connection, Summary));

            // A tag IN list and a time range that spans file and buffer: lyon 22:13:20 (file) and 22:14:20 (buffer).
            Assert.Equal(2, await ExecuteAsync(connection, "DELETE FROM obs WHERE city IN ('lyon', 'nowhere') AND time BETWEEN '2023-11-14 22:13:20+00' AND '2023-11-14 22:14:20+00'"));
            Assert.Equal(["oslo|2|9", "rome|1|7"], await QueryAsync(connection, Summary));
            Assert.Equal(0, await ExecuteAsync(connection, "DELETE FROM obs WHERE city = 'lyon'"));

            // Writes after a delete, of the same series and times, are visible again.
            await WriteAsync(first, "obs,city=oslo temp=100i 1700000000\nobs,city=lyon temp=33i 1700000000\n");
            Assert.Equal(afterDelete, await QueryAsync(connection, Summary));
        }

        // Restart: the buffer's rows come back from the WAL, deletes are replayed in WAL order.
        await using (ServerHost second = await StartAsync())
        {
            await using NpgsqlConnection connection = await ConnectAsync(second);
            Assert.Equal(afterDelete, await QueryAsync(connection, Summary));

            // Persist and compact: the deletes become physical and are dropped.
            await ExecuteAsync(connection, "CHECKPOINT");
            Assert.Equal(2, Obs(second).Tombstones.Count);
            await ExecuteAsync(connection, "VACUUM obs");
            Assert.Empty(Obs(second).Tombstones);
            Assert.Single(Obs(second).Files);
            Assert.Equal(afterDelete, await QueryAsync(connection, Summary));
            Assert.Equal(["100"], await QueryAsync(connection, "SELECT temp FROM obs WHERE city = 'oslo' AND time = '2023-11-14 22:13:20+00'"));
        }

        await using (ServerHost third = await StartAsync())
        {
            await using NpgsqlConnection connection = await ConnectAsync(third);
            Assert.Equal(afterDelete, await QueryAsync(connection, Summary));
            Assert.Empty(Obs(third).Tombstones);
        }
    }

    [Fact]
    public async Task DeleteWithoutWhereRemovesEverythingAndCountsDeduplicatedRows()
    {
        await using ServerHost host = await StartAsync();
        await WriteAsync(host, "obs,city=oslo temp=1i 1700000000\nobs,city=lyon temp=2i 1700000000\n");
        await using NpgsqlConnection connection = await ConnectAsync(host);
        await ExecuteAsync(connection, "CHECKPOINT");

        // A rewrite of a persisted row: one visible row, counted once.
        await WriteAsync(host, "obs,city=oslo temp=3i 1700000000\nobs,city=rome temp=4i 1700086400\n");
        Assert.Equal(3, await ExecuteAsync(connection, "DELETE FROM public.obs"));
        Assert.Empty(await QueryAsync(connection, Summary));
        await WriteAsync(host, "obs,city=oslo temp=5i 1700000000\n");
        Assert.Equal(["oslo|1|5"], await QueryAsync(connection, Summary));

        // Bind parameters (drivers send them): types come from the condition.
        await using var parameterized = new NpgsqlCommand("DELETE FROM obs WHERE city = $1 AND time >= $2", connection);
        parameterized.Parameters.Add(new NpgsqlParameter { Value = "oslo" });
        parameterized.Parameters.Add(new NpgsqlParameter { Value = new DateTime(2023, 11, 14, 0, 0, 0, DateTimeKind.Utc) });
        Assert.Equal(1, await parameterized.ExecuteNonQueryAsync());
        Assert.Empty(await QueryAsync(connection, Summary));
    }

    [Fact]
    public async Task DeleteErrorsHaveSqlStates()
    {
        await using ServerHost host = await StartAsync();
        await WriteAsync(host, "obs,city=oslo temp=1i 1700000000\n");
        await using NpgsqlConnection connection = await ConnectAsync(host);
        async Task<PostgresException> Fails(string sql) => await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));

        PostgresException field = await Fails("DELETE FROM obs WHERE temp > 0");
        Assert.Equal("0A000", field.SqlState);
        Assert.Contains("field \"temp\"", field.MessageText, StringComparison.Ordinal);
        Assert.Equal("0A000", (await Fails("DELETE FROM obs WHERE city LIKE 'o%'")).SqlState);
        Assert.Equal("0A000", (await Fails("DELETE FROM obs WHERE lower(city) = 'oslo'")).SqlState);
        Assert.Equal("0A000", (await Fails("DELETE FROM obs WHERE city = 'oslo' RETURNING *")).SqlState);
        Assert.Equal("42P01", (await Fails("DELETE FROM nosuch WHERE city = 'oslo'")).SqlState);
        Assert.Equal("42703", (await Fails("DELETE FROM obs WHERE nosuch = 'oslo'")).SqlState);
        Assert.Equal("42P01", (await Fails("VACUUM nosuch")).SqlState);

        Assert.Equal("0A000", (await Fails("DELETE FROM obs WHERE time < (SELECT max(time) FROM obs)")).SqlState);
        Assert.Equal("0A000", (await Fails("DELETE FROM obs WHERE city = city")).SqlState);

        // Constant conditions and folded expressions.
        Assert.Equal(0, await ExecuteAsync(connection, "DELETE FROM obs WHERE 1 = 0"));
        Assert.Equal(0, await ExecuteAsync(connection, "DELETE FROM obs WHERE city = NULL"));
        Assert.Equal(0, await ExecuteAsync(connection, "DELETE FROM obs WHERE time < now() - interval '100 years'"));
        Assert.Equal(0, await ExecuteAsync(connection, "DELETE FROM obs AS o WHERE o.city IN ('paris') OR NOT (o.time >= '2023-01-01')"));

        // Not undoable, so not inside a transaction block.
        await ExecuteAsync(connection, "BEGIN");
        Assert.Equal("25001", (await Fails("DELETE FROM obs")).SqlState);
        await ExecuteAsync(connection, "ROLLBACK");
        await ExecuteAsync(connection, "BEGIN");
        Assert.Equal("25001", (await Fails("VACUUM")).SqlState);
        await ExecuteAsync(connection, "ROLLBACK");

        // Nothing was deleted by the failed statements.
        Assert.Equal(["oslo|1|1"], await QueryAsync(connection, Summary));
    }

    [Fact]
    public async Task CompactionMergesSmallFilesKeepingTheLatestWriteAndDuckDbReadsTheResult()
    {
        await using ServerHost host = await StartAsync();
        await WriteAsync(host, "obs,city=lyon temp=0i 1700000000\n");
        await using NpgsqlConnection connection = await ConnectAsync(host);
        for (int i = 0; i < 4; i++)
        {
            // Each persist rewrites oslo's first point: the last write must win after the merge.
            string lines = string.Create(CultureInfo.InvariantCulture, $"obs,city=oslo temp={i}i 1700000000\nobs,city=lyon temp={i}i {1700000000 + (i * 60)}\n");
            await WriteAsync(host, lines);
            await ExecuteAsync(connection, "CHECKPOINT");
        }

        // A second day, one file: nothing to merge there.
        await WriteAsync(host, "obs,city=rome temp=9i 1700086400\n");
        await ExecuteAsync(connection, "CHECKPOINT");
        List<string> expected = ["lyon|4|6", "oslo|1|3", "rome|1|9"];
        Assert.Equal(5, Obs(host).Files.Count);
        Assert.Equal(expected, await QueryAsync(connection, Summary));

        CompactionResult result = await host.CompactAllAsync(force: false, CancellationToken.None);
        Assert.Equal(1, result.Partitions);
        Assert.Equal(4, result.FilesIn);
        Assert.Equal(1, result.FilesOut);
        Assert.Equal(5, result.RowsOut);
        Assert.Equal(2, Obs(host).Files.Count);
        Assert.Equal(expected, await QueryAsync(connection, Summary));

        // The compacted file is an ordinary Parquet file DuckDB reads with the same rows.
        PersistedFile compacted = Obs(host).Files.First(f => f.File.CompactionLevel == 1);
        string path = Path.Combine(_dataDir, "objects", compacted.File.ObjectKey);
        DuckDbResult duck = DuckDb.Run($"SELECT city, count(*), sum(temp) FROM read_parquet({DuckDb.Quote(path)}) GROUP BY city ORDER BY city");
        Assert.Equal(["lyon|4|6", "oslo|1|3"], duck.Rows.Select(r => string.Join("|", r.Select(e => e.ToString()))).ToList());

        // Restart: the catalog names the compacted file; the replaced ones are only awaiting removal.
        await connection.CloseAsync();
        await host.StopAsync();
        await using ServerHost again = await StartAsync();
        await using NpgsqlConnection reconnected = await ConnectAsync(again);
        Assert.Equal(2, Obs(again).Files.Count);
        Assert.Equal(expected, await QueryAsync(reconnected, Summary));
    }

    [Fact]
    public async Task MergingTheNewestSmallFilesKeepsWriteOrderWithTheBigFileBeforeThem()
    {
        long bigSize;
        long smallSize;
        await using (ServerHost first = await StartAsync())
        {
            var big = new StringBuilder();
            for (int i = 0; i < 400; i++)
            {
                big.Append(CultureInfo.InvariantCulture, $"obs,city=c{i % 40} temp={i}i {1700000000 + i}\n");
            }

            await WriteAsync(first, big.ToString());
            await using NpgsqlConnection connection = await ConnectAsync(first);
            await ExecuteAsync(connection, "CHECKPOINT");
            await WriteAsync(first, "obs,city=c0 temp=1000i 1700000000\n");
            await ExecuteAsync(connection, "CHECKPOINT");
            bigSize = Obs(first).Files[0].File.SizeBytes;
            smallSize = Obs(first).Files[1].File.SizeBytes;
            Assert.True(bigSize > smallSize);
        }

        // A target between the two sizes: the first file is big, the later ones small.
        long target = smallSize + 1;
        await using ServerHost host = await StartAsync(minFiles: 2, targetFileBytes: target);
        await using (NpgsqlConnection connection = await ConnectAsync(host))
        {
            Assert.Equal(0, (await host.CompactAllAsync(force: false, CancellationToken.None)).Partitions);

            // Two small files after the big one: only they are merged, and their rewrites still win.
            await WriteAsync(host, "obs,city=c1 temp=2000i 1700000001\n");
            await ExecuteAsync(connection, "CHECKPOINT");
            CompactionResult result = await host.CompactAllAsync(force: false, CancellationToken.None);
            Assert.Equal(2, result.FilesIn);
            Assert.Equal(2, Obs(host).Files.Count);
            Assert.Equal(["1000"], await QueryAsync(connection, "SELECT temp FROM obs WHERE city = 'c0' AND time = '2023-11-14 22:13:20+00'"));
            Assert.Equal(["2000"], await QueryAsync(connection, "SELECT temp FROM obs WHERE city = 'c1' AND time = '2023-11-14 22:13:21+00'"));
            Assert.Equal(["400"], await QueryAsync(connection, "SELECT count(*) FROM obs"));
        }

        // After a restart (files attached by id) the order still holds.
        await host.StopAsync();
        await using ServerHost again = await StartAsync(minFiles: 2, targetFileBytes: target);
        await using NpgsqlConnection reconnected = await ConnectAsync(again);
        Assert.Equal(["1000"], await QueryAsync(reconnected, "SELECT temp FROM obs WHERE city = 'c0' AND time = '2023-11-14 22:13:20+00'"));
        Assert.Equal(["400"], await QueryAsync(reconnected, "SELECT count(*) FROM obs"));
    }

    [Fact]
    public async Task BackgroundCompactionRunsOnItsInterval()
    {
        await using ServerHost host = await StartAsync(TimeSpan.FromMilliseconds(100), minFiles: 2);
        await WriteAsync(host, "obs,city=oslo temp=0i 1700000000\n");
        await using NpgsqlConnection connection = await ConnectAsync(host);
        for (int i = 0; i < 3; i++)
        {
            await WriteAsync(host, string.Create(CultureInfo.InvariantCulture, $"obs,city=oslo temp={i}i {1700000000 + i}\n"));
            await ExecuteAsync(connection, "CHECKPOINT");
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Obs(host).Files.Count > 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Single(Obs(host).Files);
        Assert.Equal(["oslo|3|3"], await QueryAsync(connection, Summary));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        _loggerFactory.Dispose();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
