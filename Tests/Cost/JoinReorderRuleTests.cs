using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Optimizer.Rules;

namespace IOx.Pg.Tests.Cost;

/// <summary>
/// Cost-based join ordering: the rule picks the selective pair first, never adds a cross product
/// when the conditions link the relations, leaves outer joins where they are, keeps the output
/// columns, and never changes results (each query is run with and without the rule).
/// </summary>
public sealed class JoinReorderRuleTests(JoinOrderData data) : IClassFixture<JoinOrderData>
{
    /// <summary>m ⋈ e first (4,000,000 rows) is the written order; h filtered to one rack is the selective relation.</summary>
    private const string BadOrder = "SELECT count(*) FROM m JOIN e ON m.host = e.host JOIN h ON h.host = m.host WHERE h.rack = 'r1'";

    /// <summary>The same rows with and without the rule (as multisets), and the rule's plan differs from the written one.</summary>
    private void AssertSameResults(string sql, bool reordered = true)
    {
        LogicalPlan with = data.Optimized(sql);
        LogicalPlan without = data.Optimized(sql, "join_reorder");
        Assert.Equal(reordered, with.ToString() != without.ToString());
        List<string> expected = JoinOrderData.Run(without);
        List<string> actual = JoinOrderData.Run(with);
        expected.Sort(StringComparer.Ordinal);
        actual.Sort(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TheSelectivePairIsJoinedFirst()
    {
        string plan = data.Optimized(BadOrder).ToString();

        // The deepest join pairs h (filtered on rack) with m or e; the big pair is never joined alone.
        Assert.Matches(@"HashJoin: Inner keys=\[[^\]]*\]\n +Scan: [me] projection=\[host\]\n +Filter: \(rack#\d+ = 'r1'\)\n +Scan: h ", plan);
        Assert.Equal(2, plan.Split("HashJoin: Inner").Length - 1);
        Assert.DoesNotContain("NestedLoopJoin", plan, StringComparison.Ordinal);
        AssertSameResults(BadOrder);
    }

    [Fact]
    public void ExplainShowsTheChosenOrderWithItsCost()
    {
        List<string> lines = data.Explain("EXPLAIN " + BadOrder);
        string text = string.Join("\n", lines);

        // The innermost join has h's filter under it, and every line has its cost.
        int filter = lines.FindIndex(static l => l.Contains("Filter: (rack#0 = 'r1')", StringComparison.Ordinal));
        Assert.True(filter > 0, text);
        Assert.Contains("HashJoin", lines[filter - 2], StringComparison.Ordinal);
        Assert.All(lines, static l => Assert.Matches(@"\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=\d+ width=\d+\)$", l));

        // Cheaper than the written order, by the model's own figures.
        List<string> written = WrittenExplain(BadOrder);
        Assert.True(TotalCost(lines[0]) < TotalCost(written[0]) / 5, text + "\n---\n" + string.Join("\n", written));
    }

    [Fact]
    public void AConnectedOrderIsFoundInsteadOfAWrittenCrossProduct()
    {
        // FROM m, e, h: m and e are linked only through h; written order would start with m × e.
        const string Sql = "SELECT m.v, e.w, h.cores FROM m, e, h WHERE m.host = h.host AND e.host = h.host AND h.rack = 'r3' AND m.v < 300 AND e.w < 300";
        string plan = data.Optimized(Sql).ToString();
        Assert.DoesNotContain("NestedLoopJoin", plan, StringComparison.Ordinal);
        Assert.Contains("NestedLoopJoin", data.Optimized(Sql, "join_reorder").ToString(), StringComparison.Ordinal);
        AssertSameResults(Sql);
    }

    [Fact]
    public void OutputColumnsKeepTheWrittenOrder()
    {
        const string Sql = "SELECT * FROM m JOIN e ON m.host = e.host AND e.w < 500 JOIN h ON h.host = m.host AND h.rack = 'r2' WHERE m.v < 500";
        LogicalPlan with = data.Optimized(Sql);
        LogicalPlan without = data.Optimized(Sql, "join_reorder");
        Assert.Equal(without.Schema.Count, with.Schema.Count);
        for (int i = 0; i < with.Schema.Count; i++)
        {
            Assert.Equal(without.Schema[i].Name, with.Schema[i].Name);
            Assert.Equal(without.Schema[i].Type, with.Schema[i].Type);
        }

        AssertSameResults(Sql);
    }

    [Fact]
    public void FourWayJoinWithConditionsOnEveryPair()
    {
        AssertSameResults("SELECT r.dc, count(*), sum(m.v) FROM m JOIN e ON m.host = e.host AND m.v = e.w JOIN h ON h.host = e.host JOIN r ON r.rack = h.rack WHERE r.dc = 1 GROUP BY r.dc");
    }

    [Fact]
    public void OuterJoinsStayWhereTheyAreAndTheInnerGroupsInsideAreOrdered()
    {
        // The LEFT JOIN bounds two inner groups: (m, e, h) below it on the left, and r on the right.
        const string Sql = "SELECT m.v, r.dc FROM m JOIN e ON m.host = e.host JOIN h ON h.host = m.host AND h.rack = 'r4' LEFT JOIN r ON r.rack = h.rack AND r.dc = 2 WHERE m.v < 1000";
        string plan = data.Optimized(Sql).ToString();
        Assert.Matches(@"^Project: v#0 AS v, dc#5 AS dc\n  HashJoin: Left keys=\[rack#\d+ = rack#\d+\]\n    Project: .*\n      HashJoin: Inner", plan);
        AssertSameResults(Sql);

        // An outer join inside an inner group is one relation of it: the group reorders around it
        // (the selective h LEFT JOIN r joins m before the big e), nothing moves into it.
        const string Around = "SELECT count(*), count(r.dc) FROM m JOIN e ON m.host = e.host JOIN (h LEFT JOIN r ON r.rack = h.rack AND r.dc = 0) ON h.host = m.host WHERE h.rack = 'r1'";
        Assert.Matches(@"HashJoin: Inner keys=\[[^\]]*\]\n +Scan: [me] projection=\[host\]\n +HashJoin: Left keys=\[rack#\d+ = rack#\d+\]\n", data.Optimized(Around).ToString());
        AssertSameResults(Around);

        // Here the written order is already the cheapest: kept as written.
        AssertSameResults("SELECT count(*), count(r.dc) FROM h LEFT JOIN r ON r.rack = h.rack AND r.dc = 0 JOIN m ON m.host = h.host JOIN e ON e.host = m.host AND e.w < 2000", reordered: false);
        AssertSameResults("SELECT count(*), count(h.cores) FROM m JOIN e ON m.host = e.host AND e.w < 100 RIGHT JOIN h ON h.host = m.host JOIN r ON r.rack = h.rack", reordered: false);
    }

    [Fact]
    public void TwoRelationsAreLeftToTheBuildSideChoice()
    {
        Assert.Null(new JoinReorderRule().Apply(data.Optimized("SELECT count(*) FROM m JOIN h ON m.host = h.host", "join_reorder")));
    }

    [Fact]
    public void AGoodWrittenOrderIsKept()
    {
        const string Sql = "SELECT count(*) FROM h JOIN m ON h.host = m.host JOIN e ON e.host = m.host WHERE h.rack = 'r1' AND m.v < 100";
        LogicalPlan optimized = data.Optimized(Sql, "join_reorder");
        LogicalPlan? again = new JoinReorderRule().Apply(optimized);
        if (again is not null)
        {
            // A change must be a strictly cheaper plan of the same relations.
            Assert.DoesNotContain("NestedLoopJoin", again.ToString(), StringComparison.Ordinal);
        }

        // Applying the rule to its own output changes nothing.
        LogicalPlan once = data.Optimized(Sql);
        Assert.Null(new JoinReorderRule().Apply(once));
    }

    [Fact]
    public void ManyRelationsAreOrderedGreedily()
    {
        // Ten relations (beyond the exhaustive limit): a chain of self joins of h plus the bad pair.
        const string Sql = "SELECT count(*) FROM m JOIN e ON m.host = e.host JOIN h h1 ON h1.host = m.host JOIN h h2 ON h2.host = h1.host JOIN h h3 ON h3.host = h2.host "
            + "JOIN h h4 ON h4.host = h3.host JOIN h h5 ON h5.host = h4.host JOIN h h6 ON h6.host = h5.host JOIN h h7 ON h7.host = h6.host JOIN h h8 ON h8.host = h7.host WHERE h8.rack = 'r5' AND h1.cores = 3";
        string plan = data.Optimized(Sql).ToString();
        Assert.DoesNotContain("NestedLoopJoin", plan, StringComparison.Ordinal);
        AssertSameResults(Sql);
    }

    /// <summary>EXPLAIN of <paramref name="sql"/> planned without the rule, with costs.</summary>
    private List<string> WrittenExplain(string sql)
    {
        LogicalPlan plan = data.Optimized(sql, "join_reorder");
        var costs = new IOx.Pg.Planner.Optimizer.Statistics.CostModel(new IOx.Pg.Planner.Optimizer.Statistics.RowEstimator());
        return [$"{plan.Describe()} (cost=0.00..{costs.Cost(plan).Total.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)} rows=1 width=8)"];
    }

    /// <summary>The total cost printed on an EXPLAIN line.</summary>
    private static double TotalCost(string line)
    {
        System.Text.RegularExpressions.Match match = System.Text.RegularExpressions.Regex.Match(line, @"\(cost=\d+\.\d\d\.\.(\d+\.\d\d) ");
        Assert.True(match.Success, line);
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
