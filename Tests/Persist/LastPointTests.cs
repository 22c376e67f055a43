using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IOx.Pg.Planner.Optimizer;
using IOx.Pg.Storage.Deletes;
using IOx.Pg.Storage.Persist;

namespace IOx.Pg.Tests.Persist;

/// <summary>
/// lastpoint early stop: <c>DISTINCT ON (host) ... ORDER BY host, time DESC</c> and
/// <c>max(time)</c> / <c>selector_last</c> / <c>last</c> grouped by host, over files and buffer,
/// with filters, overlapping files and deletes, read time groups newest first and skip a group once
/// every host it holds has a newer delivered row (EXPLAIN ANALYZE files_skipped_lastpoint). Every
/// result is compared with the same query planned without the rule (SET iox.disabled_optimizers).
/// </summary>
public sealed class LastPointTests
{
    /// <summary>2016-01-01T00:00:00Z in nanoseconds.</summary>
    private const long Base = 1_451_606_400_000_000_000L;

    /// <summary>Nanoseconds per minute.</summary>
    private const long Minute = 60_000_000_000L;

    /// <summary>Nanoseconds per day.</summary>
    private const long Day = 1440L * Minute;

    /// <summary>The DISTINCT ON lastpoint query.</summary>
    private const string DistinctOn = "SELECT DISTINCT ON (host) * FROM cpu ORDER BY host, time DESC";

    /// <summary>The max(time) form.</summary>
    private const string MaxTime = "SELECT host, max(time) FROM cpu GROUP BY host ORDER BY host";

    /// <summary>Lines for day <paramref name="day"/> (0-based): the given hosts every 10 minutes.</summary>
    private static string Lines(int day, params string[] hosts)
    {
        var text = new StringBuilder();
        for (int m = 0; m < 24 * 60; m += 10)
        {
            foreach (string host in hosts)
            {
                text.Append("cpu,host=").Append(host).Append(" usage=").Append(((day * 1000) + m) % 97)
                    .Append(' ').Append(Base + (day * Day) + (m * Minute)).Append('\n');
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

    /// <summary>Rows of <paramref name="sql"/> with the lastpoint rule switched off.</summary>
    private static List<string> Plain(PersistHarness harness, string sql)
    {
        harness.Session.Settings[LogicalOptimizer.DisabledSetting] = "lastpoint";
        try
        {
            return harness.Query(sql);
        }
        finally
        {
            harness.Session.Settings.Remove(LogicalOptimizer.DisabledSetting);
        }
    }

    /// <summary>Asserts <paramref name="sql"/> gives the same rows with and without the rule; returns the files it skipped.</summary>
    private static int Same(PersistHarness harness, string sql)
    {
        List<string> expected = Plain(harness, sql);
        Assert.Equal(expected, harness.Query(sql));
        return Counter(harness, sql, "files_skipped_lastpoint");
    }

    /// <summary>Makes DELETE work in the harness: a tombstone over the files live now, applied to the buffer too.</summary>
    private static void EnableDeletes(PersistHarness harness)
    {
        long id = 0;
        harness.Engine.Delete = (request, _) =>
        {
            long count = request.CountMatching();
            var files = new HashSet<long>();
            foreach (PersistedFile file in request.Table.Snapshot().Files)
            {
                files.Add(file.File.Id);
            }

            (long min, long max) = request.Predicate.TimeBounds();
            request.Table.ApplyDelete(new Tombstone(++id, request.Predicate, min, max, 0, files), filterFiles: true);
            return count;
        };
    }

    [Fact]
    public void OlderFilesWhoseHostsAllHaveNewerRowsAreSkipped()
    {
        using var harness = new PersistHarness();
        harness.Write(Lines(0, "a", "b", "c", "old"));
        harness.Write(Lines(1, "a", "b", "c"));
        harness.Write(Lines(2, "a", "b", "c"));
        harness.Write(Lines(3, "a", "c"));
        List<string> expected = harness.Query(DistinctOn);
        Assert.Equal(4, expected.Count);
        Assert.Equal(0, Counter(harness, DistinctOn, "files_skipped_lastpoint"));
        harness.Persist();
        Assert.Equal(4, harness.Snapshot("cpu").Files.Count);

        // Day 3 read; day 2 read (b is newest there); day 1 skipped (a, b, c newer); day 0 read ("old" lives only there).
        Assert.Equal(expected, harness.Query(DistinctOn));
        Assert.Equal(1, Same(harness, DistinctOn));
        Assert.Equal(1, Same(harness, MaxTime));

        // No GROUP BY: one group, answered by day 3 alone; no key column is read.
        Assert.Equal(3, Same(harness, "SELECT max(time) FROM cpu"));
        Assert.Equal(3, Same(harness, "SELECT max(time), selector_last(usage, time)['value'] FROM cpu WHERE host <> 'b'"));
        Assert.Equal(0, Same(harness, "SELECT max(time) FROM cpu WHERE host = 'old'"));
        Assert.Contains(harness.Query("EXPLAIN SELECT max(time) FROM cpu"), line => line.Contains("LastPoint: time=", StringComparison.Ordinal));
        Assert.Contains(harness.Query("EXPLAIN " + MaxTime), line => line.Contains("LastPoint: key=host", StringComparison.Ordinal));
        Assert.DoesNotContain(Plain(harness, "EXPLAIN " + MaxTime), line => line.Contains("LastPoint", StringComparison.Ordinal));
    }

    [Fact]
    public void BufferRowsAreTheNewestGroupAndOlderBufferRowsMergeWithTheirFile()
    {
        using var harness = new PersistHarness();
        for (int day = 0; day < 5; day++)
        {
            harness.Write(Lines(day, "a", "b"));
        }

        harness.Persist();
        Assert.Equal(4, Same(harness, DistinctOn));

        // A newer buffered host: the buffer is read first, then day 4 (a, b), the rest skipped.
        harness.Write("cpu,host=z usage=5 " + (Base + (10 * Day)) + "\n");
        Assert.Equal(4, Same(harness, DistinctOn));
        Assert.Equal(4, Same(harness, MaxTime));

        // Newer buffered rows of a and b too: every file is skipped.
        harness.Write("cpu,host=a usage=6 " + (Base + (10 * Day)) + "\ncpu,host=b usage=7 " + (Base + (9 * Day)) + "\n");
        Assert.Equal(5, Same(harness, DistinctOn));
        Assert.Equal(5, Same(harness, MaxTime));

        // A buffered row inside day 1 for a new host: the live part now spans days 1-10, so it and the
        // files of days 1-4 form one group (read and merged); only day 0 is skipped.
        harness.Write("cpu,host=y usage=8 " + (Base + Day + (7 * Minute)) + "\n");
        Assert.Equal(1, Same(harness, DistinctOn));
        Assert.Equal(1, Same(harness, MaxTime));
        Assert.Contains("y|", string.Join("\n", harness.Query(MaxTime)), StringComparison.Ordinal);
    }

    [Fact]
    public void FiltersOnTagsTimeAndFieldsKeepResultsAndStillSkip()
    {
        using var harness = new PersistHarness();
        harness.Write(Lines(0, "a", "b", "c", "old"));
        for (int day = 1; day < 6; day++)
        {
            harness.Write(Lines(day, "a", "b", "c"));
        }

        harness.Persist();
        long cut = (Base + (4 * Day) + (30 * Minute)) / 1_000_000_000L;
        long from = (Base + (2 * Day)) / 1_000_000_000L;
        string[] filters =
        [
            "host <> 'a'",
            "host IN ('a', 'old')",
            "host = 'old'",
            $"time < to_timestamp({cut})",
            "usage > 90",
            "usage = 3",
            "usage IS NULL",
            $"time >= to_timestamp({from}) AND host <> 'c'",
        ];
        foreach (string filter in filters)
        {
            Same(harness, $"SELECT DISTINCT ON (host) host, time, usage FROM cpu WHERE {filter} ORDER BY host, time DESC");
            Same(harness, $"SELECT host, max(time) FROM cpu WHERE {filter} GROUP BY host ORDER BY host");
            Same(harness, $"SELECT host, max(time), selector_last(usage, time)['value'] FROM cpu WHERE {filter} GROUP BY host HAVING max(time) > to_timestamp(0) ORDER BY 1");
        }

        // A field filter most rows fail: hosts missing from the delivered rows keep older days read, but the result is the same.
        Same(harness, "SELECT host, max(time) FROM cpu WHERE usage > 95 GROUP BY host ORDER BY host");

        // A tag filter: days 1-4 hold only hosts already answered by day 5; day 0 holds "old" (filtered out, so never answered): read.
        Assert.Equal(4, Same(harness, "SELECT host, max(time) FROM cpu WHERE host <> 'old' GROUP BY host ORDER BY host"));
    }

    [Fact]
    public void SelectorsDoNotCountRowsWhoseValueIsNull()
    {
        using var harness = new PersistHarness();
        harness.Write(Lines(0, "a", "b"));
        harness.Write(Lines(1, "a", "b"));

        // Day 2: host a has only another field (usage NULL); b has usage.
        harness.Write("cpu,host=a other=1 " + (Base + (2 * Day)) + "\ncpu,host=b usage=42 " + (Base + (2 * Day)) + "\n");
        harness.Persist();
        string query = "SELECT host, selector_last(usage, time)['value'], selector_last(usage, time)['time'], last(usage, time) FROM cpu GROUP BY host ORDER BY host";
        List<string> rows = harness.Query(query);
        Assert.Equal(Plain(harness, query), rows);

        // a's last usage is on day 1, so day 1 is read; day 0 is skipped (a and b both answered by then).
        Assert.Equal(1, Counter(harness, query, "files_skipped_lastpoint"));
        Assert.Equal(1, Same(harness, "SELECT host, max(time), selector_last(usage, time)['value'] FROM cpu GROUP BY host ORDER BY host"));

        // max(time) alone counts the NULL-usage row: both older days skipped.
        Assert.Equal(2, Same(harness, MaxTime));
    }

    [Fact]
    public void DeletesAndOverlappingFilesKeepResults()
    {
        using var harness = new PersistHarness();
        EnableDeletes(harness);
        for (int day = 0; day < 4; day++)
        {
            harness.Write(Lines(day, "a", "b", "c"));
            harness.Persist();
        }

        // Overlapping files: rewrite part of day 1 (later write wins), and a new host inside day 2.
        harness.Write("cpu,host=a usage=500 " + (Base + Day + (10 * Minute)) + "\ncpu,host=d usage=501 " + (Base + (2 * Day) + (3 * Minute)) + "\n");
        harness.Persist();
        Same(harness, DistinctOn);
        List<string> before = harness.Query(MaxTime);
        Assert.Equal(Plain(harness, MaxTime), before);

        // The newest rows of b are deleted: b's answer moves back to day 1.
        harness.Query($"DELETE FROM cpu WHERE host = 'b' AND time >= to_timestamp({(Base + (2 * Day)) / 1_000_000_000L})");
        List<string> after = harness.Query(MaxTime);
        Assert.Equal(Plain(harness, MaxTime), after);
        Assert.NotEqual(before[1], after[1]);
        Assert.Equal(before[0], after[0]);
        Same(harness, DistinctOn);
        Same(harness, "SELECT host, max(time) FROM cpu WHERE usage < 50 GROUP BY host ORDER BY host");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RandomFilesBufferAndDeletesGiveTheSameRowsAsThePlainPlan(int seed)
    {
        var random = new Random(seed);
        using var harness = new PersistHarness();
        EnableDeletes(harness);
        string[] hosts = ["h0", "h1", "h2", "h3", "h4", "h5"];
        int batches = random.Next(5, 10);
        for (int b = 0; b < batches; b++)
        {
            // A batch: a random window of time (sometimes reaching back into older ones), random hosts, some NULL usage.
            long start = Base + (b * Day) - (random.Next(3) == 0 ? Day + (random.Next(600) * Minute) : 0);
            var text = new StringBuilder();
            int rows = random.Next(1, 60);
            for (int r = 0; r < rows; r++)
            {
                string host = hosts[random.Next(random.Next(2) == 0 ? 3 : hosts.Length)];
                long time = start + (random.Next(1440) * Minute);
                string field = random.Next(5) == 0 ? "other=1" : "usage=" + random.Next(100).ToString(CultureInfo.InvariantCulture);

                // Now and then a row without the host tag: the NULL key.
                text.Append(random.Next(15) == 0 ? "cpu" : "cpu,host=" + host).Append(' ').Append(field).Append(' ').Append(time).Append('\n');
            }

            harness.Write(text.ToString());
            if (random.Next(4) != 0)
            {
                harness.Persist();
            }

            if (random.Next(4) == 0)
            {
                string host = hosts[random.Next(hosts.Length)];
                long from = (start + (random.Next(1440) * Minute)) / 1_000_000_000L;
                harness.Query($"DELETE FROM cpu WHERE host = '{host}' AND time >= to_timestamp({from})");
            }
        }

        string[] queries =
        [
            DistinctOn,
            MaxTime,
            "SELECT host, max(time), selector_last(usage, time)['value'], last(usage, time) FROM cpu GROUP BY host ORDER BY host",
            "SELECT DISTINCT ON (host) host, time, usage FROM cpu WHERE host <> 'h1' ORDER BY host, time DESC",
            "SELECT host, max(time) FROM cpu WHERE usage > 50 GROUP BY host ORDER BY host",
            "SELECT host, max(time) FROM cpu WHERE host IN ('h3', 'h4', 'h5') GROUP BY host ORDER BY host",
            $"SELECT host, max(time) FROM cpu WHERE time < to_timestamp({(Base + (3 * Day)) / 1_000_000_000L}) GROUP BY host ORDER BY host",
            "SELECT DISTINCT ON (host) host, time FROM cpu WHERE usage IS NULL ORDER BY host DESC, time DESC",
            "SELECT max(time) FROM cpu",
            "SELECT max(time), selector_last(usage, time)['value'], last(usage, time) FROM cpu WHERE host <> 'h0'",
        ];
        foreach (string query in queries)
        {
            Same(harness, query);
        }

        // A delete after the files' key sets were cached by the reads above: the cached sets are
        // now supersets of what the files deliver, which may keep files read but must not change rows.
        harness.Query($"DELETE FROM cpu WHERE host = 'h{random.Next(3)}' AND time >= to_timestamp({(Base + Day) / 1_000_000_000L})");
        foreach (string query in queries)
        {
            Same(harness, query);
        }
    }
}
