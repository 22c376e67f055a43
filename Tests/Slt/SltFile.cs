using System.Text;

namespace IOx.Pg.Tests.Slt;

/// <summary>
/// A sqllogictest-style file, parsed into records. Records are separated by blank lines:
/// <code>
/// write [precision=s]          line protocol lines follow; written over HTTP to the file's database (expects 204)
/// write file=NAME [precision=s]  the line protocol is the fixture Slt/fixtures/NAME instead (gunzipped when
///                              NAME ends in .gz); for published sample sets kept byte-identical to the download
/// statement ok                 the SQL follows; it must succeed
/// statement error SQLSTATE [regex]   the SQL must fail with that SQLSTATE (and a message matching regex)
/// query TYPES [rowsort]        the SQL follows, then ----, then expected rows; TYPES has one letter per column
///                              (T text, I integer, R float, N numeric, B bool, D timestamp or date, V interval)
/// </code>
/// Expected rows hold PostgreSQL's text form of each value separated by single spaces, NULL for
/// null and (empty) for the empty string. Lines starting with # are comments.
/// </summary>
public sealed class SltFile
{
    /// <summary>The records in file order.</summary>
    public List<SltRecord> Records { get; } = [];

    /// <summary>Parses <paramref name="text"/>; <paramref name="name"/> is used in error messages.</summary>
    public static SltFile Parse(string name, string text)
    {
        var file = new SltFile();
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int i = 0;
        while (i < lines.Length)
        {
            string line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                i++;
                continue;
            }

            int startLine = i + 1;
            string[] head = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            i++;
            var body = new List<string>();
            while (i < lines.Length && lines[i].Length > 0 && lines[i] != "----")
            {
                body.Add(lines[i]);
                i++;
            }

            var expected = new List<string>();
            bool hasResults = false;
            if (i < lines.Length && lines[i] == "----")
            {
                hasResults = true;
                i++;
                while (i < lines.Length && lines[i].Length > 0)
                {
                    expected.Add(lines[i]);
                    i++;
                }
            }

            SltRecord record = head[0] switch
            {
                "write" => WriteRecord(name, startLine, line, body),
                "statement" when head.Length > 1 && head[1] == "ok" => new SltRecord(SltKind.StatementOk, startLine, string.Join('\n', body)),
                "statement" when head.Length > 2 && head[1] == "error" => ErrorRecord(SltKind.StatementError, startLine, head[2], body),
                "query" when head.Length > 2 && head[1] == "error" => ErrorRecord(SltKind.StatementError, startLine, head[2], body),
                "query" when head.Length > 1 => new SltRecord(SltKind.Query, startLine, string.Join('\n', body))
                {
                    Types = head[1],
                    RowSort = head.Length > 2 && head[2] == "rowsort",
                    Expected = expected,
                },
                _ => throw new FormatException($"{name}:{startLine}: unknown record \"{line}\""),
            };
            if (hasResults && record.Kind != SltKind.Query)
            {
                throw new FormatException($"{name}:{startLine}: only a query has results");
            }

            file.Records.Add(record);
        }

        return file;
    }

    /// <summary>A write record: "write [file=NAME] [precision=P]", its lines inline or read from a fixture.</summary>
    private static SltRecord WriteRecord(string name, int line, string head, List<string> body)
    {
        string precision = "ns";
        string? fixture = null;
        foreach (string option in head.Split(' ', StringSplitOptions.RemoveEmptyEntries).AsSpan(1))
        {
            if (option.StartsWith("precision=", StringComparison.Ordinal))
            {
                precision = option["precision=".Length..];
            }
            else if (option.StartsWith("file=", StringComparison.Ordinal))
            {
                fixture = option["file=".Length..];
            }
            else
            {
                throw new FormatException($"{name}:{line}: unknown write option \"{option}\"");
            }
        }

        if (fixture is null)
        {
            return new SltRecord(SltKind.Write, line, string.Join('\n', body)) { Precision = precision };
        }

        if (body.Count > 0)
        {
            throw new FormatException($"{name}:{line}: a write from a fixture file has no inline lines");
        }

        return new SltRecord(SltKind.Write, line, SltFixture.Read(fixture)) { Precision = precision };
    }

    /// <summary>A statement-error record: "SQLSTATE [regex]".</summary>
    private static SltRecord ErrorRecord(SltKind kind, int line, string spec, List<string> body)
    {
        string[] parts = spec.Split(' ', 2);
        return new SltRecord(kind, line, string.Join('\n', body))
        {
            SqlState = parts[0],
            MessagePattern = parts.Length > 1 ? parts[1] : null,
        };
    }

    /// <summary>Formats records back into file text (used to rewrite expected results).</summary>
    public static string Format(IEnumerable<SltRecord> records, string originalText, IReadOnlyDictionary<int, List<string>> newResults)
    {
        string[] lines = originalText.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new StringBuilder();
        int i = 0;
        foreach (SltRecord record in records)
        {
            while (i < record.Line - 1)
            {
                output.Append(lines[i++]).Append('\n');
            }

            while (i < lines.Length && lines[i].Length > 0 && lines[i] != "----")
            {
                output.Append(lines[i++]).Append('\n');
            }

            if (i < lines.Length && lines[i] == "----")
            {
                output.Append("----\n");
                i++;
                while (i < lines.Length && lines[i].Length > 0)
                {
                    i++;
                }

                foreach (string row in newResults.TryGetValue(record.Line, out List<string>? rows) ? rows : record.Expected)
                {
                    output.Append(row).Append('\n');
                }
            }
        }

        while (i < lines.Length)
        {
            output.Append(lines[i++]);
            if (i < lines.Length)
            {
                output.Append('\n');
            }
        }

        return output.ToString();
    }
}

/// <summary>What a record does.</summary>
public enum SltKind
{
    /// <summary>Line protocol written over HTTP.</summary>
    Write,
    /// <summary>SQL that must succeed.</summary>
    StatementOk,
    /// <summary>SQL that must fail with a SQLSTATE.</summary>
    StatementError,
    /// <summary>SQL whose rows are compared.</summary>
    Query,
}

/// <summary>One record of an .slt file.</summary>
public sealed record SltRecord(SltKind Kind, int Line, string Text)
{
    /// <summary>Write precision.</summary>
    public string Precision { get; init; } = "ns";

    /// <summary>Expected SQLSTATE of an error record.</summary>
    public string? SqlState { get; init; }

    /// <summary>Regex the error message must match, if given.</summary>
    public string? MessagePattern { get; init; }

    /// <summary>One letter per result column.</summary>
    public string Types { get; init; } = "";

    /// <summary>Whether rows are compared sorted.</summary>
    public bool RowSort { get; init; }

    /// <summary>Expected rows.</summary>
    public List<string> Expected { get; init; } = [];
}
