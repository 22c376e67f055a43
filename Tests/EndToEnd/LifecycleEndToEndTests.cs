using System.Globalization;
using System.Net;
using System.Text;
using IOx.Pg.Server.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// DROP TABLE, DROP DATABASE and retention through the wire (HTTP writes, Npgsql queries) over a
/// mix of persisted files and buffered rows, across restarts of an in-process server on the same
/// data directory (stopping does not persist, so the restart replays the WAL).
/// </summary>
public sealed class LifecycleEndToEndTests : IAsyncDisposable
{
    /// <summary>Nanoseconds per second.</summary>
    private const long Second = 1_000_000_000L;

    /// <summary>Nanoseconds per day.</summary>
    private const long Day = 86_400L * Second;

    /// <summary>The data directory of every server of a test.</summary>
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "ioxpg-lifecycle-" + Guid.NewGuid().ToString("N"));

    /// <summary>Log output is discarded.</summary>
    private readonly ILoggerFactory _loggerFactory = LoggerFactory.Create(_ => { });

    /// <summary>HTTP client for writes.</summary>
    private readonly HttpClient _http = new();

    /// <summary>The running server.</summary>
    private ServerHost? _host;

    /// <summary>Now, in ns since the epoch, when the test started.</summary>
    private readonly long _now = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _http.Dispose();
        _loggerFactory.Dispose();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task DroppedTableStaysGoneAcrossARestartAndItsNameStartsFresh()
    {
        await RestartAsync(TimeSpan.FromHours(1));
        await WriteAsync("weather", "cpu,host=a usage=1 1704067200\ncpu,host=b usage=2 1704067210\nmem,host=a free=7i 1704067200");
        await ExecuteAsync("weather", "CHECKPOINT");
        await WriteAsync("weather", "cpu,host=c usage=3 1704067220");
        Assert.Equal(["3"], await QueryAsync("weather", "SELECT count(*) FROM cpu"));
        Assert.NotEmpty(ObjectFiles("cpu"));

        await ExecuteAsync("weather", "DROP TABLE cpu");
        Assert.Equal("42P01", (await Assert.ThrowsAsync<PostgresException>(() => QueryAsync("weather", "SELECT * FROM cpu"))).SqlState);
        PostgresException again = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("weather", "DROP TABLE cpu"));
        Assert.Equal(("42P01", "table \"cpu\" does not exist"), (again.SqlState, again.MessageText));

        // The objects stay for queries already reading them, until the grace period ends.
        Assert.NotEmpty(ObjectFiles("cpu"));
        Assert.Equal(0, (await _host!.Sweeper!.SweepOnceAsync(CancellationToken.None)).DroppedObjectsDeleted);

        // Restart before anything else is persisted: the WAL still holds every cpu row.
        await RestartAsync(TimeSpan.FromHours(1));
        Assert.Equal("42P01", (await Assert.ThrowsAsync<PostgresException>(() => QueryAsync("weather", "SELECT * FROM cpu"))).SqlState);
        Assert.Equal(["a|7"], await QueryAsync("weather", "SELECT host, free FROM mem"));

        // The same name again: a fresh table, even with another type for usage.
        await WriteAsync("weather", "cpu,host=z usage=\"text\" 1704067300");
        Assert.Equal(["z|text"], await QueryAsync("weather", "SELECT host, usage FROM cpu"));
        await RestartAsync(TimeSpan.Zero);
        Assert.Equal(["z|text"], await QueryAsync("weather", "SELECT host, usage FROM cpu"));
        await ExecuteAsync("weather", "CHECKPOINT");
        await RestartAsync(TimeSpan.Zero);
        Assert.Equal(["z|text"], await QueryAsync("weather", "SELECT host, usage FROM cpu"));

        // The old cpu object keeps its hour of grace; a table dropped without grace goes at the next sweep.
        Assert.Equal(2, ObjectFiles("cpu").Length);
        Assert.Single(ObjectFiles("mem"));
        await ExecuteAsync("weather", "DROP TABLE mem");
        SweepResult swept = await _host!.Sweeper!.SweepOnceAsync(CancellationToken.None);
        Assert.Equal(1, swept.DroppedObjectsDeleted);
        Assert.Empty(ObjectFiles("mem"));
        Assert.Equal(2, ObjectFiles("cpu").Length);
    }

    [Fact]
    public async Task DroppedDatabaseStaysGoneAndTheCurrentOneCannotBeDropped()
    {
        await RestartAsync(TimeSpan.Zero);
        await WriteAsync("metrics", "cpu,host=a usage=1 1704067200");
        await ExecuteAsync("metrics", "CHECKPOINT");
        await WriteAsync("metrics", "cpu,host=b usage=2 1704067210\nmem,host=a free=1i 1704067200");

        PostgresException current = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("metrics", "DROP DATABASE metrics"));
        Assert.Equal(("55006", "cannot drop the currently open database"), (current.SqlState, current.MessageText));
        Assert.Equal("55006", (await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("metrics", "DROP DATABASE postgres"))).SqlState);

        await ExecuteAsync("postgres", "DROP DATABASE metrics");
        Assert.Equal("3D000", (await Assert.ThrowsAsync<PostgresException>(() => QueryAsync("metrics", "SELECT 1"))).SqlState);
        PostgresException missing = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("postgres", "DROP DATABASE metrics"));
        Assert.Equal(("3D000", "database \"metrics\" does not exist"), (missing.SqlState, missing.MessageText));
        await ExecuteAsync("postgres", "DROP DATABASE IF EXISTS metrics");
        Assert.DoesNotContain("metrics|NULL", await QueryAsync("postgres", "SHOW DATABASES"));

        await RestartAsync(TimeSpan.Zero);
        Assert.Equal("3D000", (await Assert.ThrowsAsync<PostgresException>(() => QueryAsync("metrics", "SELECT 1"))).SqlState);
        Assert.Equal(["postgres|NULL"], await QueryAsync("postgres", "SHOW DATABASES"));
        SweepResult swept = await _host!.Sweeper!.SweepOnceAsync(CancellationToken.None);
        Assert.Equal(1, swept.DroppedObjectsDeleted);

        // A write re-creates it, empty but for the new row; CREATE DATABASE after a drop works too.
        await WriteAsync("metrics", "cpu,host=c usage=3 1704067220");
        Assert.Equal(["c|3"], await QueryAsync("metrics", "SELECT host, usage FROM cpu"));
        await ExecuteAsync("postgres", "CREATE DATABASE scratch");
        await ExecuteAsync("postgres", "DROP DATABASE scratch");
        await ExecuteAsync("postgres", "CREATE DATABASE scratch");
        await RestartAsync(TimeSpan.Zero);
        Assert.Equal(["c|3"], await QueryAsync("metrics", "SELECT host, usage FROM cpu"));
        Assert.Equal(["1"], await QueryAsync("scratch", "SELECT 1"));
    }

    [Fact]
    public async Task RetentionHidesExpiredRowsAtOnceRefusesOldWritesAndRemovesWholeDays()
    {
        await RestartAsync(TimeSpan.Zero);
        long old = _now - (10 * Day);
        long recent = _now - (3 * Day);
        long fresh = _now - (60 * Second);
        await WriteAsync("ret", Lines(("a", old), ("b", recent)));
        await ExecuteAsync("ret", "CHECKPOINT");
        await WriteAsync("ret", Lines(("c", old + Second), ("d", fresh)));
        Assert.Equal(["a", "b", "c", "d"], await QueryAsync("ret", "SELECT host FROM cpu ORDER BY host"));

        // Files and buffer alike: rows older than the cutoff vanish from every query at once.
        await ExecuteAsync("postgres", "ALTER DATABASE ret SET retention = '5 days'");
        Assert.Equal(["b", "d"], await QueryAsync("ret", "SELECT host FROM cpu ORDER BY host"));
        Assert.Equal(["2"], await QueryAsync("ret", "SELECT count(*) FROM cpu"));
        Assert.Equal(["d"], await QueryAsync("ret", "SELECT host FROM cpu WHERE usage > 0 AND time > now() - interval '1 day'"));
        Assert.Contains("ret|5 days", await QueryAsync("postgres", "SHOW DATABASES"));

        // Writes older than the cutoff are refused, naming the line; the others are stored.
        (HttpStatusCode status, string body) = await TryWriteAsync("ret", Lines(("e", old), ("f", fresh + Second)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("outside of the retention period", body, StringComparison.Ordinal);
        Assert.Contains("cpu,host=e", body, StringComparison.Ordinal);
        Assert.Equal(["b", "d", "f"], await QueryAsync("ret", "SELECT host FROM cpu ORDER BY host"));

        // Lifting retention before storage was touched shows everything again.
        await ExecuteAsync("postgres", "ALTER DATABASE ret RESET retention");
        Assert.Equal(["a", "b", "c", "d", "f"], await QueryAsync("ret", "SELECT host FROM cpu ORDER BY host"));

        // Storage: the retention pass expires the file of the old day; the next persist drops the
        // old buffered row. After that, lifting retention brings nothing back.
        await ExecuteAsync("postgres", "ALTER DATABASE ret SET retention = '5d'");
        SweepResult swept = await _host!.Sweeper!.SweepOnceAsync(CancellationToken.None);
        Assert.Equal(1, swept.FilesExpired);
        Assert.Equal(1, swept.FilesDeleted);
        await ExecuteAsync("ret", "CHECKPOINT");
        await RestartAsync(TimeSpan.Zero);
        Assert.Contains("ret|5 days", await QueryAsync("postgres", "SHOW DATABASES"));
        Assert.Equal(["b", "d", "f"], await QueryAsync("ret", "SELECT host FROM cpu ORDER BY host"));
        await ExecuteAsync("postgres", "ALTER DATABASE ret RESET retention");
        Assert.Equal(["b", "d", "f"], await QueryAsync("ret", "SELECT host FROM cpu ORDER BY host"));
        Assert.Contains("ret|NULL", await QueryAsync("postgres", "SHOW DATABASES"));
        Assert.Equal("3D000", (await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("postgres", "ALTER DATABASE nope SET retention = '1d'"))).SqlState);
    }

    [Fact]
    public async Task CreateDatabaseWithRetentionAndTheServerDefaultForWrittenDatabases()
    {
        await RestartAsync(TimeSpan.Zero, defaultRetention: TimeSpan.FromDays(2));
        await ExecuteAsync("postgres", "CREATE DATABASE kept WITH (retention = '30 days')");
        await ExecuteAsync("postgres", "CREATE DATABASE forever");
        await WriteAsync("auto", Lines(("a", _now - Day)));
        (HttpStatusCode status, _) = await TryWriteAsync("auto", Lines(("b", _now - (3 * Day))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        await WriteAsync("kept", Lines(("k", _now - (20 * Day))));
        await WriteAsync("forever", Lines(("f", _now - (2000 * Day))));
        string[] expected = ["auto|2 days", "forever|NULL", "kept|30 days", "postgres|NULL"];
        Assert.Equal(expected, await QueryAsync("postgres", "SHOW DATABASES"));

        // Before any persist (the catalog learns of auto from the WAL replay) and after one.
        await RestartAsync(TimeSpan.Zero, defaultRetention: TimeSpan.FromDays(2));
        Assert.Equal(expected, await QueryAsync("postgres", "SHOW DATABASES"));
        await ExecuteAsync("auto", "CHECKPOINT");
        await RestartAsync(TimeSpan.Zero);
        Assert.Equal(expected, await QueryAsync("postgres", "SHOW DATABASES"));
        Assert.Equal(["a"], await QueryAsync("auto", "SELECT host FROM cpu"));
        Assert.Equal(["k"], await QueryAsync("kept", "SELECT host FROM cpu"));
        Assert.Equal(["f"], await QueryAsync("forever", "SELECT host FROM cpu"));
        Assert.Equal("42P04", (await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("postgres", "CREATE DATABASE kept WITH (retention = '1d')"))).SqlState);
        Assert.Equal("22023", (await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("postgres", "CREATE DATABASE x WITH (retention = '1 year')"))).SqlState);
    }

    [Fact]
    public async Task DropsInterleavedWithWritesAndPersistsLoseNothingElseAndResurrectNothing()
    {
        await RestartAsync(TimeSpan.Zero);

        // The drop loop connects to "busy" at once: it must exist before the first write lands.
        await ExecuteAsync("postgres", "CREATE DATABASE busy");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        int cold = 0;
        async Task WriteLoop(int writer)
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                long time = 1_700_000_000_000_000_000L + (writer * 1_000_000_000_000L) + i;
                await WriteAsync("busy", $"hot,w={writer} v={i}i {time}\ncold,w={writer} v={i}i {time}");
                Interlocked.Increment(ref cold);
            }
        }

        async Task DropLoop()
        {
            while (!stop.IsCancellationRequested)
            {
                await ExecuteAsync("busy", "DROP TABLE IF EXISTS hot");
                await ExecuteAsync("busy", "CHECKPOINT");
            }
        }

        await Task.WhenAll(WriteLoop(0), WriteLoop(1), DropLoop());

        // The drop loop may have had the last word: hot need not exist here.
        await ExecuteAsync("busy", "DROP TABLE IF EXISTS hot");
        await WriteAsync("busy", "hot,w=final v=1i 1700000000000000000");
        Assert.Equal([cold.ToString(CultureInfo.InvariantCulture)], await QueryAsync("busy", "SELECT count(*) FROM cold"));
        await RestartAsync(TimeSpan.Zero);
        Assert.Equal([cold.ToString(CultureInfo.InvariantCulture)], await QueryAsync("busy", "SELECT count(*) FROM cold"));
        Assert.Equal(["final"], await QueryAsync("busy", "SELECT w FROM hot"));
        Assert.True(cold > 10, $"only {cold} writes");
    }

    /// <summary>Line protocol rows of table cpu (ns timestamps).</summary>
    private static string Lines(params (string Host, long Time)[] rows)
    {
        var text = new StringBuilder();
        foreach ((string host, long time) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"cpu,host={host} usage=1 {time}\n");
        }

        return text.ToString();
    }

    /// <summary>Stops the running server (without persisting) and starts another on the same directory.</summary>
    private async Task RestartAsync(TimeSpan gracePeriod, TimeSpan? defaultRetention = null)
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _host = new ServerHost(
            new ServerOptions
            {
                DataDir = _dataDir,
                PgListen = new IPEndPoint(IPAddress.Loopback, 0),
                HttpListen = new IPEndPoint(IPAddress.Loopback, 0),
                FileGracePeriod = gracePeriod,
                FileSweepInterval = TimeSpan.FromHours(1),
                DefaultRetention = defaultRetention,
            },
            _loggerFactory);
        await _host.StartAsync(CancellationToken.None);
    }

    /// <summary>The Parquet objects of a table (any database), by path.</summary>
    private string[] ObjectFiles(string table)
    {
        string objects = Path.Combine(_dataDir, "objects");
        return Directory.Exists(objects)
            ? [.. Directory.GetFiles(objects, "*.parquet", SearchOption.AllDirectories).Where(f => f.Contains(Path.DirectorySeparatorChar + table + Path.DirectorySeparatorChar, StringComparison.Ordinal))]
            : [];
    }

    /// <summary>Posts line protocol (ns precision unless the lines say seconds by their size) and expects 204.</summary>
    private async Task WriteAsync(string database, string lines)
    {
        (HttpStatusCode status, string body) = await TryWriteAsync(database, lines);
        Assert.True(status == HttpStatusCode.NoContent, $"write answered {(int)status} {body}");
    }

    /// <summary>Posts line protocol; timestamps below 10^12 are seconds, others nanoseconds (each body uses one kind).</summary>
    private async Task<(HttpStatusCode Status, string Body)> TryWriteAsync(string database, string lines)
    {
        string precision = lines.Contains(" 17040", StringComparison.Ordinal) ? "s" : "ns";
        using var content = new StringContent(lines, Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await _http.PostAsync(new Uri($"http://{_host!.HttpEndPoint}/api/v2/write?bucket={database}&precision={precision}"), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs a statement.</summary>
    private async Task ExecuteAsync(string database, string sql)
    {
        await using NpgsqlConnection connection = await ConnectAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows of a query as '|'-joined text (NULL for null).</summary>
    private async Task<List<string>> QueryAsync(string database, string sql)
    {
        await using NpgsqlConnection connection = await ConnectAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var cells = new string[reader.FieldCount];
            for (int i = 0; i < cells.Length; i++)
            {
                object value = reader.GetValue(i);
                cells[i] = value is DBNull ? "NULL" : Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }

            rows.Add(string.Join("|", cells));
        }

        return rows;
    }

    /// <summary>A connection to <paramref name="database"/>.</summary>
    private async Task<NpgsqlConnection> ConnectAsync(string database)
    {
        var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={_host!.PgEndPoint.Port};Username=postgres;Database={database};Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=10;Command Timeout=60");
        await connection.OpenAsync();
        return connection;
    }
}
