using System.Diagnostics;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>Runs a real client program from Tests/Interop (node, python, java) and returns its output; a missing runtime or a failing run fails the test with the reason.</summary>
internal static class InteropClient
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> in Tests/Interop; returns stdout, or fails with stderr.</summary>
    public static Task<string> RunAsync(string program, params string[] arguments) =>
        RunAsync(program, null, new Dictionary<string, string>(), arguments);

    /// <summary>Runs <paramref name="program"/> with <paramref name="input"/> on stdin (none when null) and extra <paramref name="environment"/> variables; returns stdout, or fails with stderr.</summary>
    public static async Task<string> RunAsync(string program, string? input, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Parquet.DuckDb.InteropDirectory(), RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (KeyValuePair<string, string> variable in environment)
        {
            start.Environment[variable.Key] = variable.Value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed ({e.Message}): scripts/test.sh installs the driver peers", e);
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
                process.StandardInput.Close();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"{program} failed: {await stderr}");
            return (await stdout).Replace("\r", "", StringComparison.Ordinal);
        }
    }
}
