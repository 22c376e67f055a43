using System.Net;
using System.Text.RegularExpressions;
using IOx.Pg.Tests.EndToEnd;
using Npgsql;

namespace IOx.Pg.Tests.Slt;

/// <summary>
/// Runs every Slt/*.slt file through the real wire protocol (Npgsql, text results) against an
/// in-process server; each file gets its own database. Set IOXPG_SLT_REWRITE=1 to rewrite the
/// expected rows in the source tree from what the server returns (then review the diff).
/// </summary>
public sealed class SltTests : IClassFixture<ServerFixture>
{
    /// <summary>The running server.</summary>
    private readonly ServerFixture _server;

    /// <summary>Uses the shared server.</summary>
    public SltTests(ServerFixture server) => _server = server;

    /// <summary>The .slt files copied next to the test assembly.</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Slt"), "*.slt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "Slt"), path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Run(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Slt", file);
        string text = await File.ReadAllTextAsync(path);
        SltFile slt = SltFile.Parse(file, text);
        string database = "slt_" + Regex.Replace(Path.GetFileNameWithoutExtension(file), "[^a-zA-Z0-9_]", "_");
        bool rewrite = Environment.GetEnvironmentVariable("IOXPG_SLT_REWRITE") == "1";
        var newResults = new Dictionary<int, List<string>>();
        var failures = new List<string>();
        NpgsqlConnection? connection = null;
        try
        {
            foreach (SltRecord record in slt.Records)
            {
                string where = $"{file}:{record.Line}";
                if (record.Kind == SltKind.Write)
                {
                    HttpResponseMessage response = await _server.WriteAsync(database, record.Text, record.Precision);
                    Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{where}: write answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    continue;
                }

                if (connection is null)
                {
                    connection = await _server.ConnectAsync(database);
                }

                string? failure = await RunRecordAsync(connection, record, newResults);
                if (failure is not null)
                {
                    failures.Add($"{where}: {failure}");
                }
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        if (rewrite && newResults.Count > 0)
        {
            string source = Path.Combine(FindSourceDirectory(), file);
            await File.WriteAllTextAsync(source, SltFile.Format(slt.Records, text, newResults));
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>Runs one SQL record; returns a failure description or null.</summary>
    internal static async Task<string?> RunRecordAsync(NpgsqlConnection connection, SltRecord record, Dictionary<int, List<string>> newResults)
    {
        await using var command = new NpgsqlCommand(record.Text, connection) { AllResultTypesAreUnknown = true };
        try
        {
            var rows = new List<string>();
            int columns = 0;
            await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync())
            {
                columns = reader.FieldCount;
                while (await reader.ReadAsync())
                {
                    var cells = new string[reader.FieldCount];
                    for (int c = 0; c < cells.Length; c++)
                    {
                        cells[c] = reader.IsDBNull(c) ? "NULL" : reader.GetString(c) is { Length: 0 } ? "(empty)" : reader.GetString(c);
                    }

                    rows.Add(string.Join(' ', cells));
                }
            }

            switch (record.Kind)
            {
                case SltKind.StatementOk:
                    return null;
                case SltKind.StatementError:
                    return $"expected error {record.SqlState}, but the statement succeeded";
                default:
                    if (record.RowSort)
                    {
                        rows.Sort(StringComparer.Ordinal);
                    }

                    newResults[record.Line] = rows;
                    if (columns != record.Types.Length)
                    {
                        return $"expected {record.Types.Length} columns, got {columns}";
                    }

                    return rows.SequenceEqual(record.Expected, StringComparer.Ordinal)
                        ? null
                        : $"query results differ\n--- expected\n{string.Join('\n', record.Expected)}\n--- actual\n{string.Join('\n', rows)}";
            }
        }
        catch (PostgresException error)
        {
            if (record.Kind != SltKind.StatementError)
            {
                return $"unexpected error {error.SqlState}: {error.MessageText}";
            }

            if (error.SqlState != record.SqlState)
            {
                return $"expected error {record.SqlState}, got {error.SqlState}: {error.MessageText}";
            }

            if (record.MessagePattern is not null && !Regex.IsMatch(error.MessageText, record.MessagePattern))
            {
                return $"error message \"{error.MessageText}\" does not match /{record.MessagePattern}/";
            }

            return null;
        }
    }

    /// <summary>Tests/Slt in the source tree, found by walking up from the test assembly.</summary>
    private static string FindSourceDirectory()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            string candidate = Path.Combine(dir, "Tests", "Slt");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Tests/Slt not found above " + AppContext.BaseDirectory);
    }
}
