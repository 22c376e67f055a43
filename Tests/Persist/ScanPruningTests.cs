using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IOx.Pg.Tests.Persist;

/// <summary>
/// Tag predicates prune persisted files, row groups and pages (asserted on EXPLAIN ANALYZE
/// counters), and pruning never changes a result: over files alone, over files plus buffer, and
/// where buffer rows rewrite file rows.
/// </summary>
public sealed class ScanPruningTests
{
    /// <summary>2016-01-01T00:00:00Z in nanoseconds.</summary>
    private const long Base = 1_451_606_400_000_000_000L;

    /// <summary>Nanoseconds per second.</summary>
    private const long Second = 1_000_000_000L;

    /// <summary>Lines: 8 hosts every 10 s over [from, to) steps of one day (8640 steps); hosts 0-3 in region east, 4-7 west.</summary>
    private static string DataSet(int from, int to)
    {
        var text = new StringBuilder();
        for (int i = from; i < to; i++)
        {
            for (int h = 0; h < 8; h++)
            {
                text.Append("cpu,host=h").Append(h).Append(",region=").Append(h < 4 ? "east" : "west")
                    .Append(" usage=").Append(((i * 7) + h) % 100).Append(' ').Append(Base + (i * 10L * Second)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The scan line's counter <paramref name="name"/> from EXPLAIN ANALYZE of <paramref name="sql"/>.</summary>
    private static int Counter(PersistHarness harness, string sql, string name)
    {
        string scan = harness.Query("EXPLAIN ANALYZE " + sql).Single(line => line.Contains("Scan: ", StringComparison.Ordinal));
        Match match = Regex.Match(scan, $@"\b{name}=(\d+)");
        Assert.True(match.Success, $"no {name} in: {scan}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void AHostQueryDecodesOnlyItsPagesAndReturnsTheSameRows()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 8640));
        const string Query = "SELECT time, usage FROM cpu WHERE host = 'h5' AND time >= '2016-01-01 10:00:00+00' AND time < '2016-01-01 11:00:00+00' ORDER BY time";
        const string InList = "SELECT host, count(*), sum(usage) FROM cpu WHERE host IN ('h1', 'h6') GROUP BY host ORDER BY host";
        const string OrList = "SELECT host, count(*), sum(usage) FROM cpu WHERE host = 'h1' OR host = 'h6' GROUP BY host ORDER BY host";
        List<string> before = harness.Query(Query);
        List<string> inBefore = harness.Query(InList);
        Assert.Equal(360, before.Count);
        harness.Persist();

        Assert.Equal(before, harness.Query(Query));
        Assert.Equal(inBefore, harness.Query(InList));
        Assert.Equal(inBefore, harness.Query(OrList));
        Assert.Contains(harness.Query("EXPLAIN " + Query), line => line.Contains("prune=[host IN ('h5')]", StringComparison.Ordinal));

        // 8 hosts x 8640 rows, sorted by tags then time: pages of at most 4096 rows cut at host changes,
        // so h5 owns 3 pages and the hour lies in one of them.
        Assert.Equal(1, Counter(harness, Query, "pages"));
        Assert.True(Counter(harness, Query, "pages_pruned") >= 20);
        Assert.Equal(1, Counter(harness, Query, "row_groups"));
        Assert.Equal(6, Counter(harness, InList, "pages"));
        Assert.Equal(6, Counter(harness, OrList, "pages"));

        // A host that does not exist prunes the whole row group; a predicate we do not recognise prunes nothing.
        Assert.Equal(1, Counter(harness, "SELECT count(*) FROM cpu WHERE host = 'h9'", "row_groups_pruned"));
        Assert.Equal(["0"], harness.Query("SELECT count(*) FROM cpu WHERE host = 'h9'"));
        Assert.Equal(0, Counter(harness, "SELECT count(*) FROM cpu WHERE host || '' = 'h5'", "pages_pruned"));
        Assert.Equal(["8640"], harness.Query("SELECT count(*) FROM cpu WHERE host || '' = 'h5'"));
    }

    [Fact]
    public void PruningAgreesWithUnprunedQueriesOverFilesAndBufferWithRewrites()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 4000));
        harness.Persist();
        harness.Write(DataSet(4000, 6000));
        harness.Persist();

        // Buffer: new rows, and rewrites of rows both files hold (same identity, later write wins).
        harness.Write(DataSet(6000, 6500));
        var rewrites = new StringBuilder();
        for (int i = 3990; i < 4010; i++)
        {
            rewrites.Append("cpu,host=h2,region=east usage=1000 ").Append(Base + (i * 10L * Second)).Append('\n');
        }

        harness.Write(rewrites.ToString());
        string[] hosts = ["h2", "h5"];
        foreach (string host in hosts)
        {
            string pruned = $"SELECT count(*), sum(usage), min(time), max(time) FROM cpu WHERE host = '{host}'";
            string unpruned = $"SELECT count(*), sum(usage), min(time), max(time) FROM cpu WHERE host || '' = '{host}'";
            Assert.Equal(harness.Query(unpruned), harness.Query(pruned));
            Assert.Equal(6500.ToString(CultureInfo.InvariantCulture), harness.Query(pruned)[0].Split('|')[0]);
        }

        Assert.Equal(["20"], harness.Query("SELECT count(*) FROM cpu WHERE host = 'h2' AND usage = 1000"));
        Assert.True(Counter(harness, "SELECT count(*) FROM cpu WHERE host = 'h5'", "pages_pruned") > 0);
        Assert.Equal(
            harness.Query("SELECT region, count(*) FROM cpu WHERE region || '' = 'west' AND host IN ('h1', 'h4') GROUP BY region"),
            harness.Query("SELECT region, count(*) FROM cpu WHERE region = 'west' AND host IN ('h1', 'h4') GROUP BY region"));
    }

    [Fact]
    public void AFileWithoutTheTagIsPrunedWhole()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 100));
        harness.Persist();
        harness.Write("cpu,host=h1,region=east,rack=r7 usage=5 " + (Base + (200 * 10L * Second)) + "\n");
        harness.Persist();
        Assert.Equal(["1|5"], harness.Query("SELECT count(*), sum(usage) FROM cpu WHERE rack = 'r7'"));
        Assert.Equal(1, Counter(harness, "SELECT count(*) FROM cpu WHERE rack = 'r7'", "row_groups_pruned"));
        Assert.Equal(1, Counter(harness, "SELECT count(*) FROM cpu WHERE rack = 'r7'", "row_groups"));
    }
}
