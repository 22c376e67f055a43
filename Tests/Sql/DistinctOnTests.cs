using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>SELECT DISTINCT ON over the three-batch test table, checked against values computed from the generator.</summary>
public sealed class DistinctOnTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void LastPointPerHostIsTheLatestRowOfEachHost()
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = data.Query(
            "SELECT DISTINCT ON (hostname) hostname, time, count_i FROM cpu ORDER BY hostname, time DESC");
        Assert.Equal(["hostname", "time", "count_i"], columns.Select(c => c.Name));
        Assert.Equal(5, rows.Count);
        for (int h = 0; h < 5; h++)
        {
            long last = SqlTestData.Rows - 5 + h;
            Assert.Equal([$"host_{h}", SqlTestData.BaseTime + (last * SqlTestData.Second), last], rows[h]);
        }
    }

    [Fact]
    public void FirstPointPerHostAndDescendingKeys()
    {
        List<object?[]> rows = data.Query("SELECT DISTINCT ON (hostname) hostname, count_i FROM cpu ORDER BY hostname DESC, time").Rows;
        Assert.Equal([["host_4", 4L], ["host_3", 3L], ["host_2", 2L], ["host_1", 1L], ["host_0", 0L]], rows);
    }

    [Fact]
    public void ManyGroupsAcrossBatchesWithTheGeneralComparer()
    {
        // 3000 groups (more candidates than a batch holds, so candidates are merged several times);
        // inside a group the highest usage_user wins, ties broken by count_i descending.
        List<object?[]> rows = data.Query(
            "SELECT DISTINCT ON (count_i % 3000) count_i % 3000 AS g, count_i, usage_user FROM cpu ORDER BY count_i % 3000, usage_user DESC, count_i DESC").Rows;
        Assert.Equal(3000, rows.Count);
        for (int g = 0; g < 3000; g++)
        {
            long best = -1;
            double bestUsage = double.MinValue;
            for (long i = g; i < SqlTestData.Rows; i += 3000)
            {
                double usage = (i % 100) + 0.25;
                if (usage > bestUsage || (usage == bestUsage && i > best))
                {
                    best = i;
                    bestUsage = usage;
                }
            }

            Assert.Equal([(long)g, best, bestUsage], rows[g]);
        }
    }

    [Fact]
    public void NullKeysFormOneGroupAndLateColumnsAreNull()
    {
        // usage_system is missing from the first batches and null on every 7th row after that.
        List<object?[]> rows = data.Query(
            "SELECT DISTINCT ON (usage_system) usage_system, count_i FROM cpu ORDER BY usage_system NULLS FIRST, count_i").Rows;
        Assert.Equal(51, rows.Count);
        Assert.Equal([null, 0L], rows[0]);
        Assert.Equal([0.0, 10_000L], rows[1]);
    }

    [Fact]
    public void LimitAndPlanShape()
    {
        string plan = data.Plan("SELECT DISTINCT ON (hostname) * FROM cpu ORDER BY hostname, time DESC LIMIT 2");
        Assert.Contains("DistinctOn: [hostname#", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort:", plan, StringComparison.Ordinal);
        Assert.Equal(2, data.Query("SELECT DISTINCT ON (hostname) * FROM cpu ORDER BY hostname, time DESC LIMIT 2").Rows.Count);
    }

    [Fact]
    public void KeysMustLeadTheOrderBy()
    {
        SqlException e = data.Error("SELECT DISTINCT ON (hostname, region) * FROM cpu ORDER BY region, time", SqlState.InvalidColumnReference);
        Assert.Equal("SELECT DISTINCT ON expressions must match initial ORDER BY expressions", e.Message);
        Assert.Equal(21, e.Position);
    }
}
