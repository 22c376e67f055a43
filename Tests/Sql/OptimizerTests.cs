using IOx.Pg.Executor.Operators;
using IOx.Pg.Planner.Binder;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Optimizer;
using IOx.Pg.Planner.Optimizer.Rules;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Tests.Sql;

/// <summary>Optimizer rules compared on printed plans, and the scan's batch skipping.</summary>
public sealed class OptimizerTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    /// <summary>The bound, unoptimized plan.</summary>
    private LogicalPlan Bound(string sql)
    {
        var select = (SelectStatement)data.Engine.Parse(sql)[0];
        return new Binder(data.Storage, data.Session, data.Session.StatementStartNanoseconds).Bind(select).Plan;
    }

    [Fact]
    public void Bound_plan_prints_every_stage()
    {
        string plan = Bound("SELECT hostname, count(*) AS n FROM cpu WHERE usage_user > 90.0 GROUP BY hostname HAVING count(*) > 1 ORDER BY n DESC LIMIT 3").ToString();
        Assert.Equal(
            """
            Limit: offset=0 limit=3
              Sort: n#1 DESC NULLS FIRST
                Project: hostname#0 AS hostname, count#1 AS n
                  Filter: (count#1 > CAST(1 AS int8))
                    Aggregate: groupBy=[hostname#0] aggregates=[count(*)]
                      Filter: (usage_user#1 > CAST(90.0 AS float8))
                        Scan: cpu projection=[hostname, usage_user]

            """.Replace("\r", "", StringComparison.Ordinal),
            plan);
    }

    [Fact]
    public void Constant_folding_replaces_casts_and_arithmetic_with_literals()
    {
        LogicalPlan bound = Bound("SELECT count_i + (2 * 3) FROM cpu WHERE usage_user > 90.0 AND 1 = 1");
        LogicalPlan? folded = new ConstantFoldingRule().Apply(bound);
        Assert.NotNull(folded);
        Assert.Equal(
            """
            Project: (count_i#0 + CAST(6 AS int8)) AS ?column?
              Filter: ((usage_user#1 > 90) AND True)
                Scan: cpu projection=[count_i, usage_user]

            """.Replace("\r", "", StringComparison.Ordinal).Replace("CAST(6 AS int8)", "6", StringComparison.Ordinal).Replace("True", "true", StringComparison.Ordinal),
            folded!.ToString());
        Assert.Null(new ConstantFoldingRule().Apply(folded));
    }

    [Fact]
    public void Constant_true_filter_is_removed()
    {
        LogicalPlan? folded = new ConstantFoldingRule().Apply(Bound("SELECT count_i FROM cpu WHERE 1 < 2"));
        Assert.DoesNotContain("Filter", folded!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Time_range_is_pushed_into_the_scan_after_folding()
    {
        string sql = "SELECT hostname FROM cpu WHERE time >= '2016-01-01T01:00:00Z' AND time < now() + interval '1 hour' AND usage_user > 90.0";
        string optimized = data.Plan(sql);
        Assert.Contains("Scan: cpu projection=[hostname, time, usage_user] time=[2016-01-01 01:00:00+00, 2016-01-01 01:59:59.999999+00 +999ns]", optimized, StringComparison.Ordinal);
        Assert.Contains("Filter:", optimized, StringComparison.Ordinal);

        var optimizer = new LogicalOptimizer();
        optimizer.Disabled.Add("time_range_pushdown");
        Assert.DoesNotContain("time=[", optimizer.Optimize(Bound(sql)).ToString(), StringComparison.Ordinal);
        Assert.Contains(optimizer.LastRun, r => r.Rule == "constant_folding" && r.Changed);

        // Without folding, now() + interval is not a literal yet and only the lower bound is found.
        var noFolding = new LogicalOptimizer();
        noFolding.Disabled.Add("constant_folding");
        Assert.Contains("time=[2016-01-01 01:00:00+00, +inf]", noFolding.Optimize(Bound(sql)).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Time_range_pushdown_handles_reversed_and_equal_bounds()
    {
        Assert.Contains("time=[2016-01-01 00:00:05+00, 2016-01-01 00:00:05+00]", data.Plan("SELECT 1 FROM cpu WHERE time = '2016-01-01 00:00:05Z'"), StringComparison.Ordinal);
        Assert.Contains("time=[2016-01-01 00:00:05+00 +1ns, +inf]", data.Plan("SELECT 1 FROM cpu WHERE '2016-01-01 00:00:05Z' < time"), StringComparison.Ordinal);
        Assert.DoesNotContain("time=[", data.Plan("SELECT 1 FROM cpu WHERE time > '2016-01-01' OR count_i = 1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_skips_batches_outside_the_time_range()
    {
        data.Storage.TryGetDatabase("db", out DatabaseBuffer? db);
        db!.TryGetTable("cpu", out TableBuffer? table);
        TableSnapshot snapshot = table!.Snapshot();
        var scan = new TableScanOperator(snapshot, [0], new TimeRange(SqlTestData.BaseTime + (17_000 * SqlTestData.Second), long.MaxValue));
        int rows = 0;
        foreach (RecordBatch batch in scan.Execute(default))
        {
            rows += batch.RowCount;
        }

        Assert.Equal(2, scan.SkippedBatches);
        Assert.Equal(SqlTestData.Rows - (2 * RecordBatch.MaxRows), rows);
        Assert.Equal(
            3001L,
            data.Scalar("SELECT count(*) FROM cpu WHERE time >= timestamptz '2016-01-01T00:00:00Z' + interval '16999 seconds'"));
    }

    [Fact]
    public void Order_by_limit_plans_as_top_k()
    {
        var select = (SelectStatement)data.Engine.Parse("SELECT count_i FROM cpu ORDER BY count_i DESC LIMIT 2")[0];
        data.Engine.Plan(select, data.Session, out LogicalPlan plan);
        Operator root = Planner.Physical.PhysicalPlanner.Build(plan);
        Assert.IsType<LimitOperator>(root);
        Assert.Equal([[19999L], [19998L]], data.Query("SELECT count_i FROM cpu ORDER BY count_i DESC LIMIT 2").Rows);
    }
}
