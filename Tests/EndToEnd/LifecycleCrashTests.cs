using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// The ioxpg executable killed with SIGKILL right after DROP TABLE / DROP DATABASE: the WAL still
/// holds the dropped rows, and start-up replay must not bring them back, while rows written after
/// the drop (a fresh table of the same name) must survive.
/// </summary>
public sealed partial class LifecycleCrashTests : IDisposable
{
    /// <summary>The data directory shared by every life of the server.</summary>
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"ioxpg-lifecycle-crash-{Guid.NewGuid():N}");

    /// <summary>HTTP client for writes.</summary>
    private readonly HttpClient _http = new();

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task DropsSurviveSigkillAndWalReplay()
    {
        using (Process first = Start(out IPEndPoint pg, out Uri http))
        {
            await WriteAsync(http, "crash", "cpu,host=a usage=1 1704067200\ncpu,host=b usage=2 1704067210");
            await ExecuteAsync(pg, "crash", "CHECKPOINT");
            await WriteAsync(http, "crash", "cpu,host=c usage=3 1704067220\nmem,host=a free=7i 1704067200");
            await WriteAsync(http, "doomed", "cpu,host=x usage=9 1704067200");
            await ExecuteAsync(pg, "crash", "DROP TABLE cpu");
            await WriteAsync(http, "crash", "cpu,host=new usage=4 1704067230");
            await ExecuteAsync(pg, "postgres", "DROP DATABASE doomed");
            KillHard(first);
        }

        using (Process second = Start(out IPEndPoint pg, out Uri http))
        {
            Assert.Equal(["new|4"], await QueryAsync(pg, "crash", "SELECT host, usage FROM cpu"));
            Assert.Equal(["a|7"], await QueryAsync(pg, "crash", "SELECT host, free FROM mem"));
            Assert.Equal("3D000", (await Assert.ThrowsAsync<PostgresException>(() => QueryAsync(pg, "doomed", "SELECT 1"))).SqlState);

            // Drop again in the new life, write to the name again, and crash once more.
            await ExecuteAsync(pg, "crash", "DROP TABLE cpu");
            await WriteAsync(http, "doomed", "cpu,host=back usage=5 1704067200");
            KillHard(second);
        }

        using Process third = Start(out IPEndPoint pg3, out _);
        Assert.Equal("42P01", (await Assert.ThrowsAsync<PostgresException>(() => QueryAsync(pg3, "crash", "SELECT * FROM cpu"))).SqlState);
        Assert.Equal(["back|5"], await QueryAsync(pg3, "doomed", "SELECT host, usage FROM cpu"));
        Assert.Equal(["a|7"], await QueryAsync(pg3, "crash", "SELECT host, free FROM mem"));
        KillHard(third);
    }

    /// <summary>SIGKILL and wait.</summary>
    private static void KillHard(Process process)
    {
        Assert.Equal(0, Kill(process.Id, 9));
        process.WaitForExit();
    }

    /// <summary>Posts line protocol in seconds and expects 204.</summary>
    private async Task WriteAsync(Uri http, string database, string lines)
    {
        using var content = new StringContent(lines, Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await _http.PostAsync(new Uri(http, $"/api/v2/write?bucket={database}&precision=s"), content);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Runs a statement.</summary>
    private static async Task ExecuteAsync(IPEndPoint pg, string database, string sql)
    {
        await using NpgsqlConnection connection = await ConnectAsync(pg, database);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows as '|'-joined text.</summary>
    private static async Task<List<string>> QueryAsync(IPEndPoint pg, string database, string sql)
    {
        await using NpgsqlConnection connection = await ConnectAsync(pg, database);
        await using var command = new NpgsqlCommand(sql, connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var cells = new string[reader.FieldCount];
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
            }

            rows.Add(string.Join("|", cells));
        }

        return rows;
    }

    /// <summary>A connection.</summary>
    private static async Task<NpgsqlConnection> ConnectAsync(IPEndPoint pg, string database)
    {
        var connection = new NpgsqlConnection($"Host={pg.Address};Port={pg.Port};Username=postgres;Database={database};Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=10;Command Timeout=60");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Starts the executable (no automatic persist, no grace period) and waits for its ready line.</summary>
    private Process Start(out IPEndPoint pg, out Uri http)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "ioxpg.dll"), "serve", "--data-dir", _dataDir, "--pg-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0",
            "--persist-max-age", "1h", "--file-grace-period", "0", "--file-sweep-interval", "100ms",
        })
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start)!;
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            string? line = process.StandardOutput.ReadLineAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
            if (line is null)
            {
                Assert.Fail($"the server exited before it was ready: {output} {process.StandardError.ReadToEnd()}");
            }

            output.AppendLine(line);
            Match ready = ReadyLine().Match(line);
            if (ready.Success)
            {
                pg = IPEndPoint.Parse(ready.Groups["pg"].Value);
                http = new Uri($"http://{ready.Groups["http"].Value}");
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return process;
            }
        }
    }

    /// <summary>Sends a POSIX signal.</summary>
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>The server's ready line with both bound addresses.</summary>
    [GeneratedRegex(@"IOx\.Pg ready: postgres wire on (?<pg>\S+), http on (?<http>\S+),")]
    private static partial Regex ReadyLine();
}
