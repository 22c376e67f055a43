using System.Text.RegularExpressions;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>EXPLAIN and EXPLAIN ANALYZE over the test table.</summary>
public sealed partial class ExplainTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    /// <summary>The QUERY PLAN lines of <paramref name="sql"/>.</summary>
    private List<string> Lines(string sql)
    {
        (var columns, var rows) = data.Query(sql);
        Assert.Equal("QUERY PLAN", Assert.Single(columns).Name);
        return rows.ConvertAll(static r => (string)r[0]!);
    }

    [Fact]
    public void ExplainPrintsTheOptimizedPlanOneNodePerRow()
    {
        List<string> lines = Lines("EXPLAIN SELECT hostname, max(usage_user) FROM cpu WHERE time >= '2016-01-01T01:00:00Z' GROUP BY hostname ORDER BY hostname LIMIT 2");
        Assert.Equal(
            [
                "Limit: offset=0 limit=2 (cost=384.10..384.10 rows=2 width=40)",
                "  Sort: hostname#0 ASC NULLS LAST (cost=384.10..384.10 rows=5 width=40)",
                "    Project: hostname#0 AS hostname, max#1 AS max (cost=384.00..384.05 rows=5 width=40)",
                "      Aggregate: groupBy=[hostname#0] aggregates=[max(usage_user#1)] (cost=384.00..384.05 rows=5 width=40)",
                "        Filter: (time#2 >= timestamptz '2016-01-01 01:00:00+00') (cost=0.00..302.00 rows=16400 width=48)",
                "          Scan: cpu projection=[hostname, usage_user, time] time=[2016-01-01 01:00:00+00, +inf] (cost=0.00..261.00 rows=16400 width=48)",
            ],
            lines);
    }

    [Fact]
    public void ExplainAnalyzeReportsActualRowsPerNodeAndTimes()
    {
        List<string> lines = Lines("EXPLAIN ANALYZE SELECT hostname, count(*) FROM cpu WHERE usage_user > 90.0 GROUP BY hostname");
        string text = string.Join("\n", lines);

        // 20,000 rows in three batches; usage_user = (i % 100) + 0.25 is above 90 for 10 of every 100 rows.
        Assert.Matches(@"Scan: cpu .*\(actual rows=20000 batches=3 time=\d+\.\d{3} ms files=0 files_pruned=0 buffer_batches_pruned=0 merged_groups=0\)", text);
        Assert.Matches(@"Filter: .*\(actual rows=2000 batches=\d+ time=", text);
        Assert.Matches(@"Aggregate: .*\(actual rows=5 batches=1 time=", text);
        Assert.Matches(@"^Planning Time: \d+\.\d{3} ms$", lines[^2]);
        Assert.Matches(@"^Execution Time: \d+\.\d{3} ms$", lines[^1]);
    }

    [Fact]
    public void AnalyzeWithoutTimingOrSummaryPrintsRowsOnly()
    {
        List<string> lines = Lines("EXPLAIN (ANALYZE, TIMING off, SUMMARY false) SELECT count(*) FROM cpu");
        Assert.DoesNotContain(lines, static l => l.Contains("time=", StringComparison.Ordinal) || l.StartsWith("Planning", StringComparison.Ordinal));
        Assert.Contains(lines, static l => l.Contains("(actual rows=20000 batches=3 files=0", StringComparison.Ordinal));
    }

    [Fact]
    public void TopKShowsTheSortAsComputedByTheLimit()
    {
        List<string> lines = Lines("EXPLAIN ANALYZE SELECT usage_user FROM cpu ORDER BY usage_user DESC LIMIT 3");
        Assert.Matches(@"^Limit: .*\(actual rows=3 batches=1", lines[0]);
        Assert.Matches(@"^  Sort: .*\(computed by the node above\)$", lines[1]);
    }

    [Theory]
    [InlineData("EXPLAIN (FORMAT json) SELECT 1", "0A000")]
    [InlineData("EXPLAIN (FORMAT foo) SELECT 1", "22023")]
    [InlineData("EXPLAIN (BOGUS) SELECT 1", "42601")]
    [InlineData("EXPLAIN (ANALYZE maybe) SELECT 1", "42601")]
    [InlineData("EXPLAIN (ANALYZE, ANALYZE) SELECT 1", "42601")]
    [InlineData("EXPLAIN INSERT INTO cpu VALUES (1)", "0A000")]
    [InlineData("EXPLAIN SELECT * FROM nowhere", "42P01")]
    public void BadExplainsAreErrors(string sql, string sqlState)
    {
        SqlException error = Assert.Throws<SqlException>(() => data.Query(sql));
        Assert.Equal(sqlState, error.SqlState);
    }
}
