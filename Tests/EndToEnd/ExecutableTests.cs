using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>The ioxpg executable itself: starts, logs one ready line, serves /health, stops on SIGTERM.</summary>
public sealed partial class ExecutableTests
{
    [Fact]
    public async Task ServeLogsReadyAnswersHealthAndStopsCleanlyOnSigterm()
    {
        string dataDir = Path.Combine(Path.GetTempPath(), "ioxpg-exe-" + Guid.NewGuid().ToString("N"));
        string dll = Path.Combine(AppContext.BaseDirectory, "ioxpg.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { dll, "serve", "--data-dir", dataDir, "--pg-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            // The ready line is the first thing the server logs.
            string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Match ready = ReadyLine().Match(line ?? string.Empty);
            if (!ready.Success)
            {
                process.Kill();
                Assert.Fail($"first line \"{line}\" is not the ready line; stderr: " + await process.StandardError.ReadToEndAsync(timeout.Token));
            }

            Assert.True(Directory.Exists(dataDir));
            using var http = new HttpClient();
            HttpResponseMessage health = await http.GetAsync(new Uri($"http://{ready.Groups["http"].Value}/health"), timeout.Token);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            Assert.Equal(0, Kill(process.Id, 15));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            string rest = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            Assert.Contains("stopped", rest, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task BadListenAddressIsAClearError()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "ioxpg.dll"), "serve", "--pg-listen", "nowhere" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("invalid listen address \"nowhere\"", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordAuthenticationWithoutAPasswordIsAClearError()
    {
        string dataDir = Path.Combine(Path.GetTempPath(), $"ioxpg-auth-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "ioxpg.dll"), "serve", "--data-dir", dataDir, "--pg-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0", "--pg-auth", "scram-sha-256" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["IOXPG_PASSWORD"] = null;
        try
        {
            using var process = Process.Start(start)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(1, process.ExitCode);
            Assert.Contains("--pg-auth scram-sha-256 needs a password for postgres", await stdout + await stderr, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
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
