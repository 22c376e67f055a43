using System.Globalization;
using System.Text;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.Scan;

namespace IOx.Pg.Tests.Persist;

/// <summary>
/// The sorted_aggregate rule end to end: GROUP BY a prefix of (tags by name, time) over one
/// persisted file streams (EXPLAIN shows SortedAggregate, EXPLAIN ANALYZE mode=streaming) and
/// returns what the hash aggregate returned over the same rows in the buffer; over the buffer, or
/// files and buffer read as separate groups, the hash aggregate stays; keys that are not a prefix
/// never stream.
/// </summary>
public sealed class SortedAggregateTests
{
    /// <summary>2016-01-01T00:00:00Z in nanoseconds.</summary>
    private const long Base = 1_451_606_400_000_000_000L;

    /// <summary>Nanoseconds per second.</summary>
    private const long Second = 1_000_000_000L;

    /// <summary>Lines: 6 hosts every 10 s over steps [from, to); hosts 0-2 in region east, 3-4 west, host 5 without a region; usage NULL (absent) every 13th step.</summary>
    private static string DataSet(int from, int to)
    {
        var text = new StringBuilder();
        for (int i = from; i < to; i++)
        {
            for (int h = 0; h < 6; h++)
            {
                text.Append("cpu,host=h").Append(h);
                if (h < 5)
                {
                    text.Append(",region=").Append(h < 3 ? "east" : "west");
                }

                text.Append(' ');
                text.Append(i % 13 == 0 ? "idle=1" : "usage=" + (((i * 7) + h) % 100).ToString(CultureInfo.InvariantCulture));
                text.Append(' ').Append(Base + (i * 10L * Second)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Queries that stream over one file: every tag plus a time bin (many small groups, more than one output batch), and the first tag alone.</summary>
    private static readonly string[] s_streaming =
    [
        "SELECT host, region, date_bin('30 seconds', time) AS b, count(*), sum(usage), max(usage), min(time) FROM cpu GROUP BY host, region, b ORDER BY host, region, b",
        "SELECT region, host, date_bin(interval '1 hour', time, '2016-01-01 00:00:07+00') AS b, avg(usage), count(usage) FROM cpu GROUP BY b, region, host ORDER BY 2, 1, 3",
        "SELECT host, region, time_bucket('5 minutes', time) AS b, max(usage) FROM cpu WHERE time >= '2016-01-01 03:00:00+00' AND usage > 20 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        "SELECT host, region, time, sum(usage) FROM cpu GROUP BY host, region, time ORDER BY host, region, time LIMIT 50",
        "SELECT host, count(*), sum(usage), max(time) FROM cpu GROUP BY host ORDER BY host",
        "SELECT host, region, count(*) FROM cpu WHERE host IN ('h1', 'h5') GROUP BY region, host ORDER BY host",
        "SELECT host, count(*) FILTER (WHERE usage > 50), sum(usage) FILTER (WHERE region = 'west'), max(usage) FROM cpu GROUP BY host ORDER BY host",
    ];

    /// <summary>Queries whose keys are not a prefix of the order: they must keep hashing.</summary>
    private static readonly string[] s_hashing =
    [
        "SELECT region, count(*) FROM cpu GROUP BY region ORDER BY region",
        "SELECT host, date_bin('1 hour', time) AS b, count(*) FROM cpu GROUP BY host, b ORDER BY host, b",
        "SELECT host, region, date_bin('1 hour', time + interval '1 second') AS b, count(*) FROM cpu GROUP BY host, region, b ORDER BY 1, 2, 3",
        "SELECT host, region, usage, count(*) FROM cpu GROUP BY host, region, usage ORDER BY 1, 2, 3",
        "SELECT upper(host), count(*) FROM cpu GROUP BY upper(host) ORDER BY 1",
    ];

    [Fact]
    public void GroupingByAPrefixOfTheFileOrderStreamsAndMatchesHashing()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 3000));
        var expected = new List<List<string>>();
        foreach (string sql in s_streaming)
        {
            Assert.DoesNotContain(harness.Query("EXPLAIN " + sql), line => line.Contains("SortedAggregate", StringComparison.Ordinal));
            expected.Add(harness.Query(sql));
        }

        var hashed = new List<List<string>>();
        foreach (string sql in s_hashing)
        {
            hashed.Add(harness.Query(sql));
        }

        Assert.Equal(3000 * 6 / 3, expected[0].Count);
        harness.Persist();
        for (int q = 0; q < s_streaming.Length; q++)
        {
            Assert.Equal(expected[q], harness.Query(s_streaming[q]));
            Assert.Contains(harness.Query("EXPLAIN " + s_streaming[q]), line => line.Contains("SortedAggregate:", StringComparison.Ordinal));
            Assert.Contains(harness.Query("EXPLAIN ANALYZE " + s_streaming[q]), line => line.Contains("mode=streaming", StringComparison.Ordinal));
        }

        for (int q = 0; q < s_hashing.Length; q++)
        {
            Assert.Equal(hashed[q], harness.Query(s_hashing[q]));
            Assert.DoesNotContain(harness.Query("EXPLAIN " + s_hashing[q]), line => line.Contains("SortedAggregate", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void FilesAndBufferReadAsSeparateGroupsKeepHashingAndMergedGroupsStream()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 2000));
        harness.Persist();
        string sql = s_streaming[0];

        // Later rows in the buffer: the file and the buffer are read one after the other, not sorted as a whole.
        harness.Write(DataSet(2000, 2500));
        List<string> mixed = harness.Query(sql);
        Assert.Equal((2500 + 2) / 3 * 6, mixed.Count);
        Assert.DoesNotContain(harness.Query("EXPLAIN " + sql), line => line.Contains("SortedAggregate", StringComparison.Ordinal));

        // Two files that do not overlap: still two groups read by time.
        harness.Persist();
        Assert.Equal(mixed, harness.Query(sql));
        Assert.DoesNotContain(harness.Query("EXPLAIN " + sql), line => line.Contains("SortedAggregate", StringComparison.Ordinal));

        // A buffer rewrite overlapping both files: one merged group, sorted by the merge: streams, and the later write wins.
        var rewrites = new StringBuilder();
        for (int i = 1990; i < 2010; i++)
        {
            rewrites.Append("cpu,host=h2,region=east usage=1000 ").Append(Base + (i * 10L * Second)).Append('\n');
        }

        harness.Write(rewrites.ToString());
        List<string> merged = harness.Query(sql);
        Assert.Contains(harness.Query("EXPLAIN ANALYZE " + sql), line => line.Contains("mode=streaming", StringComparison.Ordinal) && line.Contains("SortedAggregate:", StringComparison.Ordinal));
        Assert.Equal(mixed.Count, merged.Count);
        const string Hashing = "SELECT host || '', region, date_bin('30 seconds', time) AS b, count(*), sum(usage), max(usage), min(time) FROM cpu GROUP BY 1, region, b ORDER BY 1, 2, 3";
        Assert.DoesNotContain(harness.Query("EXPLAIN " + Hashing), line => line.Contains("SortedAggregate", StringComparison.Ordinal));
        Assert.Equal(harness.Query(Hashing), merged);
        // Steps 1990-2009 rewritten: bins of steps 1992-2009 wholly (6), the bin of 1989-1991 partly.
        Assert.Equal(6, merged.FindAll(row => row.StartsWith("h2|east|", StringComparison.Ordinal) && row.Contains("|3|3000|1000|", StringComparison.Ordinal)).Count);
        Assert.Equal(7, merged.FindAll(row => row.StartsWith("h2|east|", StringComparison.Ordinal) && row.Contains("|1000|", StringComparison.Ordinal)).Count);
    }

    [Fact]
    public void TheOrderIsCheckedAgainstTheSnapshotReadNotThePlannedSchema()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 100));
        harness.Persist();
        TimeRange all = TimeRange.All;
        Assert.True(ScanOrdering.IsSortedBy(harness.Snapshot("cpu"), all, ["host", "region", "time"]));
        Assert.True(ScanOrdering.IsSortedBy(harness.Snapshot("cpu"), all, ["host"]));
        Assert.False(ScanOrdering.IsSortedBy(harness.Snapshot("cpu"), all, ["region"]));
        Assert.False(ScanOrdering.IsSortedBy(harness.Snapshot("cpu"), all, ["host", "time"]));

        // A tag that sorts first appears in a write overlapping the file: the merge sorts by (aa, host, region, time).
        harness.Write("cpu,aa=x,host=h9,region=east usage=1 " + (Base + (50 * 10L * Second)) + "\n");
        Assert.True(ScanOrdering.IsSortedBy(harness.Snapshot("cpu"), all, ["aa", "host"]));
        Assert.False(ScanOrdering.IsSortedBy(harness.Snapshot("cpu"), all, ["host", "region", "time"]));
        Assert.False(ScanOrdering.IsSortedBy(harness.Snapshot("cpu"), all, ["host"]));

        // Restricted to a time range the buffer row is outside of, the file alone is read: sorted again.
        Assert.True(ScanOrdering.IsSortedBy(harness.Snapshot("cpu"), new TimeRange(Base, Base + (40 * 10L * Second)), ["aa", "host", "region", "time"]));
    }

    [Fact]
    public void ASubqueryScanInTheFilterDoesNotStandInForTheAggregatedScan()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 300));
        harness.Persist();
        harness.Write("pick,host=h1 n=1 " + Base + "\npick,host=h4 n=1 " + Base + "\n");
        const string Sql = "SELECT host, count(*), sum(usage) FROM cpu WHERE usage > (SELECT max(n) FROM pick) * 50 GROUP BY host ORDER BY host";
        const string Hashing = "SELECT host || '', count(*), sum(usage) FROM cpu WHERE usage > (SELECT max(n) FROM pick) * 50 GROUP BY 1 ORDER BY 1";
        Assert.Equal(harness.Query(Hashing), harness.Query(Sql));
        Assert.Equal(6, harness.Query(Sql).Count);
        Assert.Contains(harness.Query("EXPLAIN ANALYZE " + Sql), line => line.Contains("SortedAggregate:", StringComparison.Ordinal) && line.Contains("mode=streaming", StringComparison.Ordinal));
    }
}
