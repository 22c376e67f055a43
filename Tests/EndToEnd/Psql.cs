using System.Diagnostics;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>Runs the real psql client (Debian postgresql-client) against a server.</summary>
public static class Psql
{
    /// <summary>
    /// Runs <c>psql -X -A -t -c sql</c> (unaligned, tuples only, no psqlrc) and returns its exit code,
    /// stdout and stderr. Fails the test with the reason when psql is not installed.
    /// <paramref name="environment"/> adds libpq variables (PGPASSWORD, PGSSLMODE...);
    /// <paramref name="commandsBefore"/> are run first, each as its own -c (e.g. <c>\x on</c>).
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        System.Net.IPEndPoint server, string database, string sql, bool tuplesOnly = true, string user = "postgres", IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? commandsBefore = null)
    {
        const string path = "/usr/bin/psql";
        Assert.True(File.Exists(path), "psql is not installed: scripts/test.sh installs Debian's postgresql-client");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-X");
        start.ArgumentList.Add("-A");
        if (tuplesOnly)
        {
            start.ArgumentList.Add("-t");
        }

        start.ArgumentList.Add("-h");
        start.ArgumentList.Add(server.Address.ToString());
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("-U");
        start.ArgumentList.Add(user);
        start.ArgumentList.Add("-d");
        start.ArgumentList.Add(database);
        foreach (string command in commandsBefore ?? [])
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command);
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(sql);
        start.Environment["PGCONNECT_TIMEOUT"] = "10";
        start.Environment["PGSSLMODE"] = "prefer";
        start.Environment["PGPASSWORD"] = null;
        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
        }

        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
