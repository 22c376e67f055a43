using System.Diagnostics;

namespace IOx.Pg.Tests.PgWire;

/// <summary>psql (libpq, simple protocol) against the listener.</summary>
public sealed class PsqlTests : IClassFixture<PgWireServer>
{
    /// <summary>The server.</summary>
    private readonly PgWireServer _server;

    /// <summary>Uses the shared server.</summary>
    public PsqlTests(PgWireServer server) => _server = server;

    [Fact]
    public async Task PsqlConnectsAndPrintsTheErrorWithItsSqlState()
    {
        (int exitCode, string output, string error) = await RunPsqlAsync("-v", "VERBOSITY=verbose", "-c", "LISTEN x");
        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("ERROR:  0A000:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PsqlReportsAnUnknownDatabase()
    {
        (int exitCode, _, string error) = await RunPsqlAsync("-d", "nowhere", "-c", "LISTEN x");
        Assert.Equal(2, exitCode);
        Assert.Contains("FATAL:  database \"nowhere\" does not exist", error, StringComparison.Ordinal);
    }

    /// <summary>Runs /usr/bin/psql against the server as user postgres.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunPsqlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/psql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in (string[])["-X", "-h", "127.0.0.1", "-p", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGCONNECT_TIMEOUT"] = "10";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output, await error);
    }
}
