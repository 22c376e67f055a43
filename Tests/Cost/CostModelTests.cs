using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Optimizer.Statistics;

namespace IOx.Pg.Tests.Cost;

/// <summary>
/// The cost model's figures in EXPLAIN, worked out by hand from PostgreSQL's formulas and
/// constants (seq_page_cost 1, cpu_tuple_cost 0.01, cpu_operator_cost 0.0025).
/// </summary>
public sealed class CostModelTests(JoinOrderData data) : IClassFixture<JoinOrderData>
{
    [Fact]
    public void ScanCostsItsPagesAndRows()
    {
        // 20,000 rows of one bigint column: ceil(20000 × 8 / 8192) = 20 pages + 20000 × 0.01.
        List<string> lines = data.Explain("EXPLAIN SELECT v FROM m");
        Assert.Equal("  Scan: m projection=[v] (cost=0.00..220.00 rows=20000 width=8)", lines[1]);
        Assert.Equal("Project: v#0 AS v (cost=0.00..220.00 rows=20000 width=8)", lines[0]);
    }

    [Fact]
    public void FilterChargesAnOperatorPerInputRow()
    {
        // The scan reads host and v: ceil(20000 × 40 / 8192) = 98 pages + 200; the filter adds 20000 × 0.0025.
        List<string> lines = data.Explain("EXPLAIN SELECT v FROM m WHERE v > 10");
        Assert.Contains(lines, static l => l.StartsWith("  Filter: (v#0 > 10) (cost=0.00..270.00 rows=6667 width=8)", StringComparison.Ordinal));
    }

    [Fact]
    public void SortIsNLogNBeforeItsFirstRow()
    {
        // 220 + 2 × 0.0025 × 20000 × log2(20000) = 1648.77; + 0.0025 × 20000 to hand the rows out.
        List<string> lines = data.Explain("EXPLAIN SELECT v FROM m ORDER BY v");
        Assert.Contains("Sort: v#0 ASC NULLS LAST (cost=1648.77..1698.77 rows=20000 width=8)", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void TopKIsCheaperThanAFullSortAndTheLimitTakesItsShare()
    {
        // A heap of 10: 220 + 0.005 × 20000 × log2(20) = 652.19, then 10 rows at 0.0025.
        List<string> lines = data.Explain("EXPLAIN SELECT v FROM m ORDER BY v LIMIT 10");
        Assert.Equal("Limit: offset=0 limit=10 (cost=652.19..652.22 rows=10 width=8)", lines[0]);
        Assert.StartsWith("  Sort: v#0 ASC NULLS LAST (cost=652.19..652.22 rows=20000 width=8)", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void LimitWithoutSortTakesTheFractionOfItsInput()
    {
        // 10 of 20,000 rows: 220 × 10 / 20000.
        List<string> lines = data.Explain("EXPLAIN SELECT v FROM m LIMIT 10");
        Assert.Equal("Limit: offset=0 limit=10 (cost=0.00..0.11 rows=10 width=8)", lines[0]);
    }

    [Fact]
    public void HashAggregateStartsAfterItsInputAndPlainAggregateEmitsOneRow()
    {
        // 98 pages + 200, then 20000 × (1 key + 1 aggregate) × 0.0025 = 100 before the first group; 100 groups at 0.01.
        List<string> grouped = data.Explain("EXPLAIN SELECT host, sum(v) FROM m GROUP BY host");
        Assert.Contains(grouped, static l => l.Contains("Aggregate: groupBy=[host#0] aggregates=[sum(v#1)] (cost=398.00..399.00 rows=100 width=64)", StringComparison.Ordinal));

        // count(*) reads the time column only: 20 pages + 200 for the rows, 50 to count, 0.01 for the row.
        List<string> plain = data.Explain("EXPLAIN SELECT count(*) FROM m");
        Assert.Contains(plain, static l => l.Contains("Aggregate: groupBy=[] aggregates=[count(*)] (cost=270.01..270.01 rows=1 width=8)", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryNodeHasStartupAtMostTotal()
    {
        List<string> lines = data.Explain("EXPLAIN SELECT h.rack, count(*) FROM m JOIN h ON m.host = h.host JOIN r ON r.rack = h.rack GROUP BY h.rack ORDER BY 2 DESC LIMIT 3");
        foreach (string line in lines)
        {
            System.Text.RegularExpressions.Match match = System.Text.RegularExpressions.Regex.Match(line, @"\(cost=(\d+\.\d\d)\.\.(\d+\.\d\d) rows=\d+ width=\d+\)$");
            Assert.True(match.Success, line);
            Assert.True(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), line);
        }
    }

    [Fact]
    public void CostsOffHidesCostsAndAnalyzeKeepsActualsAfterTheEstimate()
    {
        Assert.DoesNotContain(data.Explain("EXPLAIN (COSTS off) SELECT v FROM m WHERE v > 10"), static l => l.Contains("cost=", StringComparison.Ordinal) || l.Contains("rows=", StringComparison.Ordinal));
        List<string> analyzed = data.Explain("EXPLAIN ANALYZE SELECT v FROM m WHERE v > 10");
        Assert.Contains(analyzed, static l => System.Text.RegularExpressions.Regex.IsMatch(l, @"Filter: .*\(cost=0\.00\.\.270\.00 rows=6667 width=8\) \(actual rows=19989 batches=\d+ time="));
    }

    [Fact]
    public void HashJoinBuildsOnTheSmallerEstimatedInput()
    {
        LogicalPlan plan = data.Optimized("SELECT m.v FROM h JOIN m ON m.host = h.host");
        JoinNode join = Find<JoinNode>(plan);
        var estimator = new RowEstimator();

        // h (100 rows) is written on the left: the physical join swaps to build on it.
        Assert.True(estimator.Estimate(join.Left) < estimator.Estimate(join.Right));
        Assert.True(CostModel.BuildsOnLeft(join, estimator));

        // A semi join always builds on the subquery side.
        JoinNode semi = Find<JoinNode>(data.Optimized("SELECT h.host FROM h WHERE h.host IN (SELECT host FROM m)"));
        Assert.False(CostModel.BuildsOnLeft(semi, estimator));
    }

    [Fact]
    public void TheBuildSideChoiceIsPricedAndCheaper()
    {
        LogicalPlan plan = data.Optimized("SELECT m.v FROM h JOIN m ON m.host = h.host");
        JoinNode join = Find<JoinNode>(plan);
        var costs = new CostModel(new RowEstimator());
        PlanCost cost = costs.Cost(join);

        // Building on h: its scan (1 page + 100 × 0.01) and 100 rows hashed (0.0025 + 0.01 each)
        // before the first row; then m's scan (98 pages + 200), 20000 probes at 0.0025 and 20000
        // output rows at 0.01.
        Assert.Equal(2 + 1.25, cost.Startup, 6);
        Assert.Equal(2 + 1.25 + 298 + 50 + 200, cost.Total, 6);
    }

    /// <summary>The first node of type <typeparamref name="T"/> in <paramref name="plan"/>, depth first.</summary>
    internal static T Find<T>(LogicalPlan plan)
        where T : LogicalPlan
    {
        T? found = TryFind<T>(plan);
        Assert.True(found is not null, $"no {typeof(T).Name} in\n{plan}");
        return found!;
    }

    /// <summary>The first node of type <typeparamref name="T"/> in <paramref name="plan"/>, or null.</summary>
    private static T? TryFind<T>(LogicalPlan plan)
        where T : LogicalPlan
    {
        if (plan is T found)
        {
            return found;
        }

        foreach (LogicalPlan input in plan.Inputs)
        {
            if (TryFind<T>(input) is T t)
            {
                return t;
            }
        }

        return null;
    }
}
