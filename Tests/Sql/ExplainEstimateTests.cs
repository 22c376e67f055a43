namespace IOx.Pg.Tests.Sql;

/// <summary>EXPLAIN's estimated rows and widths over the test table (20,000 rows, 5 hostnames, one row a second).</summary>
public sealed class ExplainEstimateTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    /// <summary>The QUERY PLAN text of <paramref name="sql"/>, one line per node.</summary>
    private string Plan(string sql)
    {
        (_, var rows) = data.Query(sql);
        return string.Join("\n", rows.ConvertAll(static r => (string)r[0]!));
    }

    [Fact]
    public void ScanEstimatesTheTableRowsAndWidth()
    {
        // time (8) + usage_user (8) + hostname (text: 32).
        Assert.Matches(@"(?m)^  Scan: cpu projection=\[usage_user, hostname\] \(cost=\d+\.\d\d\.\.\d+\.\d\d rows=20000 width=40\)$", Plan("EXPLAIN SELECT usage_user, hostname FROM cpu"));
    }

    [Fact]
    public void TagEqualityIsOneOverTheDictionarySize()
    {
        Assert.Matches(@"(?m)^  Filter: \(hostname#1 = 'host_1'\) .*\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=4000 width=\d+\)$", Plan("EXPLAIN SELECT usage_user FROM cpu WHERE hostname = 'host_1'"));
    }

    [Fact]
    public void TimeRangeSelectsThePartOfTheDataRange()
    {
        string plan = Plan("EXPLAIN SELECT usage_user FROM cpu WHERE time >= '2016-01-01T01:00:00Z' AND time < '2016-01-01T02:00:00Z'");
        Assert.Matches(@"Scan: cpu .*time=\[.*\] .*\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=3600 width=\d+\)", plan);

        // The time conditions kept above the scan are already counted by it.
        Assert.Matches(@"Filter: .*\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=3600 width=\d+\)", plan);
    }

    [Fact]
    public void TimeRangeAndTagCombine()
    {
        string plan = Plan("EXPLAIN SELECT usage_user FROM cpu WHERE time >= '2016-01-01T01:00:00Z' AND hostname IN ('host_1', 'host_2')");
        Assert.Matches(@"Filter: .*\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=6560 width=\d+\)", plan);
    }

    [Fact]
    public void InequalityWithoutStatisticsKeepsAThird()
    {
        Assert.Matches(@"Filter: .*\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=6667 width=\d+\)", Plan("EXPLAIN SELECT usage_user FROM cpu WHERE usage_user > 90.0"));
    }

    [Fact]
    public void AggregatesAndLimits()
    {
        Assert.Matches(@"Aggregate: .*\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=1 width=8\)", Plan("EXPLAIN SELECT count(*) FROM cpu"));
        Assert.Matches(@"Aggregate: .*\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=5 width=\d+\)", Plan("EXPLAIN SELECT hostname, count(*) FROM cpu GROUP BY hostname"));
        Assert.Matches(@"^Limit: .*\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=7 width=\d+\)", Plan("EXPLAIN SELECT usage_user FROM cpu LIMIT 7"));
    }

    [Fact]
    public void EquiJoinDividesByTheLargerDistinctCount()
    {
        Assert.Matches(@"Join: .*\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=80000000 width=\d+\)", Plan("EXPLAIN SELECT a.usage_user FROM cpu a JOIN cpu b ON a.hostname = b.hostname"));
    }

    [Fact]
    public void AnalyzeShowsEstimatesBesideActuals()
    {
        string plan = Plan("EXPLAIN ANALYZE SELECT usage_user FROM cpu WHERE hostname = 'host_1'");
        Assert.Matches(@"Filter: .*\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=4000 width=\d+\) \(actual rows=4000 batches=\d+ time=", plan);
    }

    [Fact]
    public void EmptyRangeEstimatesOneRowAsPostgreSqlDoes()
    {
        Assert.Matches(@"Scan: cpu .*\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=1 width=\d+\)", Plan("EXPLAIN SELECT usage_user FROM cpu WHERE time < '2000-01-01T00:00:00Z'"));
    }

    [Fact]
    public void CostsOffHidesTheEstimates()
    {
        Assert.DoesNotContain("rows=", Plan("EXPLAIN (COSTS off) SELECT usage_user FROM cpu WHERE hostname = 'host_1'"), StringComparison.Ordinal);
        string analyzed = Plan("EXPLAIN (ANALYZE, COSTS false) SELECT usage_user FROM cpu WHERE hostname = 'host_1'");
        Assert.DoesNotContain("cost=", analyzed, StringComparison.Ordinal);
        Assert.Matches(@"Filter: .*\) \(actual rows=4000 ", analyzed);
    }
}
