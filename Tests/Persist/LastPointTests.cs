using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IOx.Pg.Tests.Persist;

/// <summary>
/// lastpoint early stop: <c>DISTINCT ON (host) * ... ORDER BY host, time DESC</c> over several
/// day files reads them newest first and skips a file once every host it holds has a newer row
/// (EXPLAIN ANALYZE files_skipped_lastpoint), with the same rows as without the shortcut; a host
/// only an old file holds keeps that file read; buffer rows and filters turn the shortcut off.
/// </summary>
public sealed class LastPointTests
{
    /// <summary>2016-01-01T00:00:00Z in nanoseconds.</summary>
    private const long Base = 1_451_606_400_000_000_000L;

    /// <summary>Nanoseconds per minute.</summary>
    private const long Minute = 60_000_000_000L;

    /// <summary>The lastpoint query.</summary>
    private const string Query = "SELECT DISTINCT ON (host) * FROM cpu ORDER BY host, time DESC";

    /// <summary>The same query with a filter that keeps every row, which disables the shortcut.</summary>
    private const string Unshortened = "SELECT DISTINCT ON (host) * FROM cpu WHERE usage IS NULL OR usage IS NOT NULL ORDER BY host, time DESC";

    /// <summary>Lines for day <paramref name="day"/> (0-based): the given hosts every 10 minutes.</summary>
    private static string Day(int day, params string[] hosts)
    {
        var text = new StringBuilder();
        for (int m = 0; m < 24 * 60; m += 10)
        {
            foreach (string host in hosts)
            {
                text.Append("cpu,host=").Append(host).Append(" usage=").Append(((day * 1000) + m) % 97)
                    .Append(' ').Append(Base + (day * 1440L * Minute) + (m * Minute)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The scan line's counter <paramref name="name"/> in EXPLAIN ANALYZE of <paramref name="sql"/>, or -1 when absent.</summary>
    private static int Counter(PersistHarness harness, string sql, string name)
    {
        string scan = harness.Query("EXPLAIN ANALYZE " + sql).Single(line => line.Contains("Scan: ", StringComparison.Ordinal));
        Match match = Regex.Match(scan, $@"\b{name}=(\d+)");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    [Fact]
    public void OlderFilesWhoseHostsAllHaveNewerRowsAreSkipped()
    {
        using var harness = new PersistHarness();
        harness.Write(Day(0, "a", "b", "c", "old"));
        harness.Write(Day(1, "a", "b", "c"));
        harness.Write(Day(2, "a", "b", "c"));
        harness.Write(Day(3, "a", "c"));
        List<string> expected = harness.Query(Query);
        Assert.Equal(4, expected.Count);
        Assert.Equal(0, Counter(harness, Query, "files_skipped_lastpoint"));
        harness.Persist();
        Assert.Equal(4, harness.Snapshot("cpu").Files.Count);

        // Day 3 read; day 2 read (b is newest there); day 1 skipped (a, b, c newer); day 0 read ("old" lives only there).
        Assert.Equal(expected, harness.Query(Query));
        Assert.Equal(expected, harness.Query(Unshortened));
        Assert.Equal(1, Counter(harness, Query, "files_skipped_lastpoint"));
        Assert.Equal(-1, Counter(harness, Unshortened, "files_skipped_lastpoint"));
    }

    [Fact]
    public void WithoutTheOldOnlyHostEveryOlderFileIsSkippedAndBufferRowsDisableTheShortcut()
    {
        using var harness = new PersistHarness();
        for (int day = 0; day < 5; day++)
        {
            harness.Write(Day(day, "a", "b"));
        }

        harness.Persist();
        List<string> expected = harness.Query(Unshortened);
        Assert.Equal(expected, harness.Query(Query));
        Assert.Equal(4, Counter(harness, Query, "files_skipped_lastpoint"));

        // A buffered row: not every source is a file, so everything is read as before.
        harness.Write("cpu,host=z usage=5 " + (Base + (10 * 1440L * Minute)) + "\n");
        Assert.Equal(harness.Query(Unshortened), harness.Query(Query));
        Assert.Equal(0, Counter(harness, Query, "files_skipped_lastpoint"));
    }
}
