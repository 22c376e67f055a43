using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IOx.Pg.Storage.Deletes;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Tests.Persist;

/// <summary>
/// Tag equality and IN queries answer the same with the write buffer's series index as without it
/// (the same query with the index switched off, and the unpushable <c>host || ''</c> form), over
/// files, sealed and live buffer rows, rewrites of file rows, buffer deletes and a tag added late;
/// and the index does skip and narrow batches (EXPLAIN ANALYZE counters).
/// </summary>
[Collection(nameof(SeriesIndexSwitch))]
public sealed class SeriesIndexQueryTests
{
    /// <summary>2016-01-01T00:00:00Z in nanoseconds.</summary>
    private const long Base = 1_451_606_400_000_000_000L;

    /// <summary>Nanoseconds per second.</summary>
    private const long Second = 1_000_000_000L;

    /// <summary>The queries compared; {0} is a host predicate.</summary>
    private static readonly string[] s_queries =
    [
        "SELECT time, host, usage FROM cpu WHERE {0} ORDER BY time, host",
        "SELECT count(*), sum(usage), min(time), max(time) FROM cpu WHERE {0}",
        "SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS t, max(usage) FROM cpu WHERE {0} AND time >= '2016-01-01 01:00:00+00' AND time < '2016-01-01 02:00:00+00' GROUP BY 1 ORDER BY 1",
        "SELECT host, region, count(*), sum(usage) FROM cpu WHERE {0} AND region = 'west' GROUP BY 1, 2 ORDER BY 1, 2",
        "SELECT host, usage FROM cpu WHERE {0} AND time = '2016-01-01 00:07:00+00' ORDER BY host",
    ];

    /// <summary>Queries on the tag written late (only once it exists).</summary>
    private static readonly string[] s_rackQueries =
    [
        "SELECT count(*) FROM cpu WHERE {0} AND rack = 'r7'",
        "SELECT host, rack, count(*), sum(usage) FROM cpu WHERE {0} GROUP BY 1, 2 ORDER BY 1, 2",
    ];

    /// <summary>Host predicates, pushed down (index) and the equivalent unpushable form.</summary>
    private static readonly (string Indexed, string Plain)[] s_predicates =
    [
        ("host = 'h5'", "host || '' = 'h5'"),
        ("host IN ('h1', 'h6', 'h9')", "host || '' IN ('h1', 'h6', 'h9')"),
        ("host = 'h2' OR host = 'h4'", "host || '' = 'h2' OR host || '' = 'h4'"),
        ("host = 'nope'", "host || '' = 'nope'"),
    ];

    /// <summary>Lines: 8 hosts every 10 s over steps [from, to); hosts 0-3 region east, 4-7 west.</summary>
    private static string DataSet(int from, int to, string extra = "")
    {
        var text = new StringBuilder();
        for (int i = from; i < to; i++)
        {
            for (int h = 0; h < 8; h++)
            {
                text.Append("cpu,host=h").Append(h).Append(",region=").Append(h < 4 ? "east" : "west").Append(extra)
                    .Append(" usage=").Append(((i * 7) + h) % 100).Append(' ').Append(Base + (i * 10L * Second)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Lines rewriting h5's rows of steps 1990-2009 with <paramref name="usage"/>.</summary>
    private static string Rewrites(int usage)
    {
        var text = new StringBuilder();
        for (int i = 1990; i < 2010; i++)
        {
            text.Append("cpu,host=h5,region=west usage=").Append(usage).Append(' ').Append(Base + (i * 10L * Second)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Every query under every predicate, as rows.</summary>
    private static List<List<string>> Answers(PersistHarness harness, bool indexed)
    {
        var answers = new List<List<string>>();
        bool rack = harness.Snapshot("cpu").Schema.IndexOf("rack") >= 0;
        foreach (string query in rack ? [.. s_queries, .. s_rackQueries] : s_queries)
        {
            foreach ((string withIndex, string plain) in s_predicates)
            {
                answers.Add(harness.Query(string.Format(CultureInfo.InvariantCulture, query, indexed ? withIndex : plain)));
            }
        }

        return answers;
    }

    /// <summary>Asserts the answers agree: index on, index off, unpushable predicate.</summary>
    private static void AssertSameAnswers(PersistHarness harness)
    {
        List<List<string>> indexed = Answers(harness, indexed: true);
        List<List<string>> plain = Answers(harness, indexed: false);
        List<List<string>> switchedOff;
        SeriesIndex.Enabled = false;
        try
        {
            switchedOff = Answers(harness, indexed: true);
        }
        finally
        {
            SeriesIndex.Enabled = true;
        }

        Assert.Equal(plain, indexed);
        Assert.Equal(switchedOff, indexed);
        Assert.Contains(indexed, rows => rows.Count > 10);
    }

    /// <summary>The scan line's counter <paramref name="name"/> from EXPLAIN ANALYZE of <paramref name="sql"/> (0 when absent).</summary>
    private static int Counter(PersistHarness harness, string sql, string name)
    {
        string scan = harness.Query("EXPLAIN ANALYZE " + sql).Single(line => line.Contains("Scan: ", StringComparison.Ordinal));
        Match match = Regex.Match(scan, $@"\b{name}=(\d+)");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [Fact]
    public void BufferOnlyAnswersAgreeAndBatchesAreNarrowed()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 3000));
        AssertSameAnswers(harness);

        // 24,000 rows: 2 frozen batches + the active chunk, each holding h5: all three narrowed.
        Assert.Equal(3, Counter(harness, "SELECT count(*) FROM cpu WHERE host = 'h5'", "series_index_narrowed"));
        Assert.Equal(3, Counter(harness, "SELECT count(*) FROM cpu WHERE host = 'nope'", "series_index_skipped"));
        Assert.Equal(0, Counter(harness, "SELECT count(*) FROM cpu WHERE host || '' = 'h5'", "series_index_narrowed"));
    }

    [Fact]
    public void AnswersAgreeOverFilesSealedAndLiveRowsWithRewritesDeletesAndALateTag()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 2000));
        harness.Persist();
        harness.Write(DataSet(2000, 3000));

        // Rewrites of persisted rows (same identity, later write wins) and duplicates within the buffer.
        harness.Write(Rewrites(1000));
        harness.Write(Rewrites(2000));
        AssertSameAnswers(harness);
        Assert.Equal(["20"], harness.Query("SELECT count(*) FROM cpu WHERE host = 'h5' AND usage = 2000"));

        // A tag added late: earlier batches lack the column entirely.
        harness.Write(DataSet(3000, 3100, ",rack=r7"));
        AssertSameAnswers(harness);
        Assert.Equal(["800"], harness.Query("SELECT count(*) FROM cpu WHERE rack = 'r7'"));

        // A delete of buffer rows (batches rewritten without them).
        harness.Buffer.GetOrCreateDatabase("db").TryGetTable("cpu", out TableBuffer? table);
        var delete = new Tombstone(1, DeletePredicate.And([
            DeletePredicate.Tag("host", DeleteOperator.Equal, ["h6"]),
            DeletePredicate.Time(DeleteOperator.Less, [Base + (2500 * 10L * Second)])]), long.MinValue, Base + (2500 * 10L * Second), 0, new HashSet<long>());
        Assert.True(table!.ApplyDelete(delete, filterFiles: false) > 0);
        AssertSameAnswers(harness);

        // Sealed and not yet persisted, then persisted.
        table.Seal(out _);
        harness.Write(DataSet(3100, 3200));
        AssertSameAnswers(harness);
        harness.Persist();
        AssertSameAnswers(harness);
    }

    [Fact]
    public async Task ConcurrentAppendsNeverShowAPartialOrRepeatedSeries()
    {
        using var harness = new PersistHarness();
        harness.Write(DataSet(0, 10));
        harness.Buffer.GetOrCreateDatabase("db").TryGetTable("cpu", out TableBuffer? table);
        const int Steps = 6000;
        var writer = Task.Run(() =>
        {
            // Each step appends h0..h7 at the next time, in time order: any snapshot holds, per
            // host, exactly the steps 0..k for some k.
            for (int i = 10; i < Steps; i++)
            {
                using TableWriter w = table!.BeginWrite();
                for (int h = 0; h < 8; h++)
                {
                    w.BeginRow();
                    w.AppendTag("host"u8, Encoding.UTF8.GetBytes("h" + h.ToString(CultureInfo.InvariantCulture)));
                    w.AppendTag("region"u8, h < 4 ? "east"u8 : "west"u8);
                    w.AppendDouble("usage"u8, ((i * 7) + h) % 100);
                    w.EndRow(Base + (i * 10L * Second));
                }
            }
        });

        int checks = 0;
        while (!writer.IsCompleted || checks < 3)
        {
            string[] row = harness.Query("SELECT count(*), min(time), max(time) FROM cpu WHERE host = 'h3'")[0].Split('|');
            long count = long.Parse(row[0], CultureInfo.InvariantCulture);
            long min = long.Parse(row[1], CultureInfo.InvariantCulture);
            long max = long.Parse(row[2], CultureInfo.InvariantCulture);
            Assert.Equal(Base, min);
            Assert.Equal(((max - min) / (10 * Second)) + 1, count);
            checks++;
        }

        await writer;
        Assert.Equal([Steps.ToString(CultureInfo.InvariantCulture)], harness.Query("SELECT count(*) FROM cpu WHERE host = 'h3'"));
    }
}

/// <summary>Tests that switch <see cref="SeriesIndex.Enabled"/> run one at a time.</summary>
[CollectionDefinition(nameof(SeriesIndexSwitch))]
public sealed class SeriesIndexSwitch;
