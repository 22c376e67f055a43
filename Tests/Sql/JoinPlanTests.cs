using IOx.Pg.Planner.Binder;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Optimizer;
using IOx.Pg.Planner.Optimizer.Rules;
using IOx.Pg.Planner.Sql.Ast;

namespace IOx.Pg.Tests.Sql;

/// <summary>Join plans as bound, and the join filter pushdown rule, compared on printed plans.</summary>
public sealed class JoinPlanTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    /// <summary>The bound, unoptimized plan.</summary>
    private LogicalPlan Bound(string sql)
    {
        var select = (SelectStatement)data.Engine.Parse(sql)[0];
        return new Binder(data.Storage, data.Session, data.Session.StatementStartNanoseconds).Bind(select).Plan;
    }

    /// <summary>The plan after the join pushdown rule alone.</summary>
    private string Pushed(string sql)
    {
        LogicalPlan bound = Bound(sql);
        LogicalPlan? pushed = new JoinFilterPushdownRule().Apply(bound);
        Assert.NotNull(pushed);
        Assert.Null(new JoinFilterPushdownRule().Apply(pushed!));
        return pushed!.ToString();
    }

    /// <summary>Normalises a raw string literal's line ends.</summary>
    private static string Plan(string text) => text.Replace("\r", "", StringComparison.Ordinal);

    [Fact]
    public void Join_reads_only_the_columns_used_and_extracts_equi_keys()
    {
        Assert.Equal(
            Plan("""
            Project: hostname#0 AS hostname, usage_user#2 AS usage_user
              HashJoin: Inner keys=[hostname#0 = hostname#1] filter=(usage_user#1 < usage_user#2)
                Scan: cpu projection=[hostname, usage_user]
                Scan: cpu projection=[usage_user, hostname]

            """),
            Bound("SELECT a.hostname, b.usage_user FROM cpu a JOIN cpu b ON a.hostname = b.hostname AND a.usage_user < b.usage_user").ToString());
    }

    [Fact]
    public void Where_of_a_comma_join_becomes_the_join_condition_and_single_side_parts_move_down()
    {
        Assert.Equal(
            Plan("""
            Project: count_i#0 AS count_i
              HashJoin: Inner keys=[hostname#1 = hostname#0]
                Filter: (usage_user#2 > CAST(90.0 AS float8))
                  Scan: cpu projection=[count_i, hostname, usage_user]
                Filter: (time#1 < timestamptz '2016-01-01 00:01:00+00')
                  Scan: cpu projection=[hostname, time]

            """),
            Pushed("SELECT a.count_i FROM cpu a, cpu b WHERE a.hostname = b.hostname AND a.usage_user > 90.0 AND b.time < '2016-01-01 00:01:00+00'"));
    }

    [Fact]
    public void Filter_above_a_left_join_moves_only_into_the_preserved_side()
    {
        Assert.Equal(
            Plan("""
            Project: count_i#0 AS count_i
              Filter: (count_i#3 IS NULL)
                HashJoin: Left keys=[hostname#2 = hostname#1]
                  Filter: (usage_user#1 > CAST(90.0 AS float8))
                    Scan: cpu projection=[count_i, usage_user, hostname]
                  Filter: (usage_user#2 > CAST(50.0 AS float8))
                    Scan: cpu projection=[count_i, hostname, usage_user]

            """),
            Pushed("SELECT a.count_i FROM cpu a LEFT JOIN cpu b ON a.hostname = b.hostname AND b.usage_user > 50.0 WHERE a.usage_user > 90.0 AND b.count_i IS NULL"));
    }

    [Fact]
    public void Nothing_moves_through_a_full_join()
    {
        LogicalPlan bound = Bound("SELECT a.count_i FROM cpu a FULL JOIN cpu b ON a.hostname = b.hostname AND b.usage_user > 50.0 WHERE a.usage_user > 90.0");
        Assert.Null(new JoinFilterPushdownRule().Apply(bound));
    }

    [Fact]
    public void Time_range_pushdown_applies_to_each_joined_table()
    {
        LogicalPlan optimized = new LogicalOptimizer().Optimize(Bound(
            "SELECT count(*) FROM cpu a JOIN cpu b ON a.hostname = b.hostname WHERE a.time >= '2016-01-01 00:00:10+00' AND b.time < '2016-01-01 00:00:20+00'"));
        Assert.Equal(
            Plan("""
            Project: count#0 AS count
              Aggregate: groupBy=[] aggregates=[count(*)]
                HashJoin: Inner keys=[hostname#1 = hostname#1]
                  Filter: (time#0 >= timestamptz '2016-01-01 00:00:10+00')
                    Scan: cpu projection=[time, hostname] time=[2016-01-01 00:00:10+00, +inf]
                  Filter: (time#0 < timestamptz '2016-01-01 00:00:20+00')
                    Scan: cpu projection=[time, hostname] time=[-inf, 2016-01-01 00:00:19.999999+00 +999ns]

            """),
            optimized.ToString());
    }

    [Fact]
    public void Join_conditions_and_pushed_filters_are_constant_folded()
    {
        string plan = new LogicalOptimizer().Optimize(Bound(
            "SELECT a.count_i FROM cpu a JOIN cpu b ON a.hostname = b.hostname AND a.usage_user < b.usage_user + 1.5 AND b.usage_user > 90.0")).ToString();
        Assert.DoesNotContain("CAST(", plan, StringComparison.Ordinal);
        Assert.Contains("filter=(usage_user#2 < (usage_user#4 + 1.5))", plan, StringComparison.Ordinal);
        Assert.Contains("Filter: (usage_user#1 > 90)", plan, StringComparison.Ordinal);
    }
}
