using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace IOx.Pg.Tests.Wal;

/// <summary>
/// The ioxpg executable run as an unprivileged user (nobody, through setpriv; the tests run as
/// root, as CI does, and root ignores file permissions): a data directory it may not write is a
/// clear start-up error; a WAL directory that stops being writable fails writes with 500 and a
/// message, never an ack; once writable again a restart has every acknowledged write.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PermissionTests : IDisposable
{
    /// <summary>The unprivileged user and group (nobody/nogroup).</summary>
    private const string Nobody = "65534";

    /// <summary>Read and search for everyone, write for the owner only (0755).</summary>
    private const UnixFileMode Public = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Scratch directory (root's, 0755 so nobody can reach what is inside).</summary>
    private readonly string _dir = Directory.CreateTempSubdirectory("ioxpg-perm-").FullName;

    /// <summary>Makes the scratch directory reachable for nobody.</summary>
    public PermissionTests()
    {
        File.SetUnixFileMode(_dir, Public);
    }

    /// <summary>HTTP client for writes.</summary>
    private readonly HttpClient _http = new();

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ADataDirectoryTheServerMayNotWriteIsAClearStartUpError()
    {
        string dataDir = Path.Combine(_dir, "data");
        Directory.CreateDirectory(dataDir);
        File.SetUnixFileMode(dataDir, Public);

        using Process process = StartAsNobody(dataDir, FreePort(), FreePort());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        string output = await stdout + await stderr;
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("cannot start", output, StringComparison.Ordinal);
        Assert.Contains(dataDir, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWalDirectoryThatStopsBeingWritableFailsWritesAndLosesNothingAcknowledged()
    {
        string dataDir = Path.Combine(_dir, "data");
        Directory.CreateDirectory(dataDir);
        Chown(dataDir);
        int http = FreePort();
        int pg = FreePort();
        int acknowledged = 0;
        var failures = new List<(HttpStatusCode Status, string Body)>();
        using (Process server = StartAsNobody(dataDir, http, pg))
        {
            try
            {
                await WaitUntilReadyAsync(server, http);
                for (int request = 0; request < 20; request++)
                {
                    Assert.Equal(HttpStatusCode.NoContent, (await WriteAsync(http, request)).Status);
                    acknowledged++;
                }

                // No new segment may be created now; the tiny segment limit makes the next groups need one.
                File.SetUnixFileMode(Path.Combine(dataDir, "wal"), UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
                for (int request = 20; request < 60 && failures.Count < 3; request++)
                {
                    (HttpStatusCode status, string body) = await WriteAsync(http, request);
                    if (status == HttpStatusCode.NoContent)
                    {
                        Assert.Empty(failures);
                        acknowledged++;
                    }
                    else
                    {
                        failures.Add((status, body));
                    }
                }
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }

        Assert.NotEmpty(failures);
        Assert.All(failures, f =>
        {
            Assert.Equal(HttpStatusCode.InternalServerError, f.Status);
            Assert.Contains("not writable", f.Body, StringComparison.Ordinal);
        });

        // Writable again: a restart (after a kill, so replay does the work) has every acknowledged write.
        File.SetUnixFileMode(Path.Combine(dataDir, "wal"), Public);
        using (Process server = StartAsNobody(dataDir, http, pg))
        {
            try
            {
                await WaitUntilReadyAsync(server, http);
                Assert.Equal($"{acknowledged * 10}", await ScalarAsync(pg, $"SELECT count(*) FROM m WHERE r < {acknowledged}"));
                Assert.Equal(HttpStatusCode.NoContent, (await WriteAsync(http, 1000)).Status);
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }
    }

    /// <summary>Starts ioxpg as nobody with a 300-byte WAL segment limit.</summary>
    private static Process StartAsNobody(string dataDir, int httpPort, int pgPort)
    {
        var start = new ProcessStartInfo("setpriv") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[]
        {
            $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "dotnet", Path.Combine(AppContext.BaseDirectory, "ioxpg.dll"), "serve",
            "--data-dir", dataDir, "--pg-listen", $"127.0.0.1:{pgPort}", "--http-listen", $"127.0.0.1:{httpPort}", "--wal-segment-max-bytes", "300",
        })
        {
            start.ArgumentList.Add(arg);
        }

        // nobody has no home directory; the host must not look for one.
        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("setpriv did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"setpriv (util-linux) is needed to run the server as nobody: {e.Message}", e);
        }
    }

    /// <summary>Gives <paramref name="path"/> to nobody.</summary>
    private static void Chown(string path)
    {
        using Process chown = Process.Start("chown", [$"{Nobody}:{Nobody}", path]);
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }

    /// <summary>Polls /health for up to 60 s; fails with the server's output if it exits.</summary>
    private async Task WaitUntilReadyAsync(Process server, int httpPort)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"ioxpg exited with {server.ExitCode}: {await server.StandardOutput.ReadToEndAsync()}{await server.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using HttpResponseMessage response = await _http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("ioxpg did not become ready within 60 s");
    }

    /// <summary>Writes request <paramref name="request"/>: ten points tagged with its number.</summary>
    private async Task<(HttpStatusCode Status, string Body)> WriteAsync(int httpPort, int request)
    {
        var lines = new StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"m,host=h{i} r={request}i {1_700_000_000_000_000_000L + (request * 10L) + i}\n");
        }

        using var content = new StringContent(lines.ToString(), Encoding.UTF8, "text/plain");
        using HttpResponseMessage response = await _http.PostAsync(new Uri($"http://127.0.0.1:{httpPort}/api/v2/write?bucket=db&precision=ns"), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The single value of a query on database db.</summary>
    private static async Task<string> ScalarAsync(int pgPort, string sql)
    {
        string connection = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = pgPort, Username = "postgres", Database = "db", Pooling = false, Timeout = 10 }.ConnectionString;
        var builder = new NpgsqlDataSourceBuilder(connection);
        builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
        await using NpgsqlDataSource source = builder.Build();
        await using NpgsqlConnection open = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, open);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }

    /// <summary>A port nothing listens on now.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
