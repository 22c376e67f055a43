using System.Diagnostics;
using System.Text.Json;

namespace IOx.Pg.Tests.Parquet;

/// <summary>
/// Runs SQL in a real DuckDB through node and <c>@duckdb/node-api</c> (Tests/Interop, installed
/// by scripts/test.sh). Missing node or package fails the calling test with the reason; it is
/// never skipped.
/// </summary>
internal static class DuckDb
{
    /// <summary>Runs the statements; returns the last one's result as parsed JSON (columns, types, rows).</summary>
    public static DuckDbResult Run(params string[] statements)
    {
        string interop = InteropDirectory();
        if (!Directory.Exists(Path.Combine(interop, "node_modules", "@duckdb", "node-api")))
        {
            throw new InvalidOperationException($"@duckdb/node-api is not installed in {interop}: run `npm install` there (scripts/test.sh does)");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = interop,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("duckdb-run.mjs");
        foreach (string statement in statements)
        {
            start.ArgumentList.Add(statement);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"node is not installed or not on PATH ({e.Message}): scripts/test.sh installs it", e);
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("DuckDB did not answer within 120 s");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"DuckDB failed: {stderr.Result}");
            }

            return new DuckDbResult(JsonDocument.Parse(stdout.Result));
        }
    }

    /// <summary>A SQL string literal.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Finds Tests/Interop from the test binaries' directory upwards.</summary>
    internal static string InteropDirectory()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "Tests", "Interop");
            if (File.Exists(Path.Combine(candidate, "duckdb-run.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Tests/Interop/duckdb-run.mjs not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A DuckDB result: column names, DuckDB type names, rows of JSON values.</summary>
internal sealed class DuckDbResult(JsonDocument document)
{
    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Columns { get; } = document.RootElement.GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>DuckDB type of each column.</summary>
    public IReadOnlyList<string> Types { get; } = document.RootElement.GetProperty("types").EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>Rows.</summary>
    public IReadOnlyList<JsonElement[]> Rows { get; } = document.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToList();
}
