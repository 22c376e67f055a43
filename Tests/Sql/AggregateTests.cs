using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>Aggregates and grouping, checked against values computed from the generator's formulas.</summary>
public sealed class AggregateTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void Aggregate_result_types_and_names()
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = data.Query(
            "SELECT count(*), count(usage_system), sum(count_i), avg(count_i), sum(usage_user), avg(usage_user), min(usage_user), max(time), min(hostname), max(u), sum(u), sum(count_i::int), avg(count_i::int), count(DISTINCT hostname) FROM cpu");
        Assert.Equal(["count", "count", "sum", "avg", "sum", "avg", "min", "max", "min", "max", "sum", "sum", "avg", "count"], columns.Select(c => c.Name));
        Assert.Equal(
            [DataType.Int64, DataType.Int64, DataType.Numeric, DataType.Numeric, DataType.Float64, DataType.Float64, DataType.Float64, DataType.Timestamp, DataType.Utf8, DataType.UInt64, DataType.Numeric, DataType.Int64, DataType.Numeric, DataType.Int64],
            columns.Select(c => c.Type));
        long n = SqlTestData.Rows;
        double userSum = 0;
        long systemCount = 0;
        for (int i = 0; i < n; i++)
        {
            userSum += (i % 100) + 0.25;
            if (i >= SqlTestData.LateColumnRow && i % 7 != 0)
            {
                systemCount++;
            }
        }

        long total = n * (n - 1) / 2;
        object?[] r = rows[0];
        Assert.Equal(n, r[0]);
        Assert.Equal(systemCount, r[1]);
        Assert.Equal((decimal)total, r[2]);
        Assert.Equal("9999.5000000000000000", ((decimal)r[3]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(userSum, r[4]);
        Assert.Equal(userSum / n, r[5]);
        Assert.Equal(0.25, r[6]);
        Assert.Equal(SqlTestData.BaseTime + ((n - 1) * SqlTestData.Second), r[7]);
        Assert.Equal("host_0", r[8]);
        Assert.Equal((ulong)(n - 1), r[9]);
        Assert.Equal((decimal)total, r[10]);
        Assert.Equal(total, r[11]);
        Assert.Equal(9999.5m, r[12]);
        Assert.Equal(5L, r[13]);
    }

    [Fact]
    public void Empty_input_gives_one_row_with_count_zero_and_nulls()
    {
        (_, List<object?[]> rows) = data.Query("SELECT count(*), count(usage_user), sum(usage_user), avg(count_i), min(hostname), max(time) FROM cpu WHERE false");
        Assert.Equal([0L, 0L, null, null, null, null], rows[0]);
        Assert.Empty(data.Query("SELECT hostname, count(*) FROM cpu WHERE false GROUP BY hostname").Rows);
        Assert.Equal(1L, data.Scalar("SELECT count(*)"));
    }

    [Fact]
    public void Group_by_tag_matches_reference()
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = data.Query("SELECT hostname, count(*), avg(usage_user) FROM cpu GROUP BY hostname ORDER BY hostname");
        Assert.Equal(["hostname", "count", "avg"], columns.Select(c => c.Name));
        Assert.Equal(5, rows.Count);
        for (int h = 0; h < 5; h++)
        {
            double sum = 0;
            long count = 0;
            for (int i = h; i < SqlTestData.Rows; i += 5)
            {
                sum += (i % 100) + 0.25;
                count++;
            }

            Assert.Equal([$"host_{h}", count, sum / count], rows[h]);
        }
    }

    [Fact]
    public void Group_by_nullable_tag_and_late_column()
    {
        (_, List<object?[]> rows) = data.Query("SELECT region, count(*), count(usage_system), max(usage_system) FROM cpu GROUP BY region ORDER BY region");
        Assert.Equal(2, rows.Count);
        Assert.Equal("eu", rows[0][0]);
        Assert.Equal(5000L, rows[0][1]);
        Assert.Null(rows[1][0]);
        Assert.Equal(15000L, rows[1][1]);
        Assert.Equal(49.0, rows[1][3]);
    }

    [Fact]
    public void Group_by_ordinals_aliases_and_expressions()
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = data.Query(
            "SELECT date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS time, hostname, max(usage_user) AS max_usage_user FROM cpu WHERE time >= '2016-01-01T01:00:00Z' AND time < '2016-01-01T03:00:00Z' GROUP BY 1, 2 ORDER BY 1, 2");
        Assert.Equal(["time", "hostname", "max_usage_user"], columns.Select(c => c.Name));
        Assert.Equal(10, rows.Count);
        Assert.Equal([SqlTestData.BaseTime + (3600 * SqlTestData.Second), "host_0", 95.25], rows[0]);
        Assert.Equal([SqlTestData.BaseTime + (7200 * SqlTestData.Second), "host_4", 99.25], rows[9]);

        (_, rows) = data.Query("SELECT count_i % 3 AS k, count(*) FROM cpu GROUP BY k ORDER BY k");
        Assert.Equal([[0L, 6667L], [1L, 6667L], [2L, 6666L]], rows);

        (_, rows) = data.Query("SELECT count_i % 3, count(*) FROM cpu GROUP BY count_i % 3 ORDER BY count(*) DESC, 1");
        Assert.Equal([[0L, 6667L], [1L, 6667L], [2L, 6666L]], rows);

        (_, rows) = data.Query("SELECT hostname, msg, count(*) FROM cpu GROUP BY msg, hostname ORDER BY 1, 2 LIMIT 2");
        Assert.Equal([["host_0", "m0", 1334L], ["host_0", "m1", 1333L]], rows);

        (_, rows) = data.Query("SELECT ok, u % 2 AS parity, count(*) FROM cpu GROUP BY ok, parity ORDER BY ok");
        Assert.Equal([[false, 1m, 10000L], [true, 0m, 10000L]], rows);
    }

    [Fact]
    public void Having_filters_groups()
    {
        (_, List<object?[]> rows) = data.Query("SELECT msg, count(*) FROM cpu GROUP BY msg HAVING count(*) > 6666 ORDER BY msg");
        Assert.Equal([["m0", 6667L], ["m1", 6667L]], rows);
        (_, rows) = data.Query("SELECT msg FROM cpu GROUP BY msg HAVING min(count_i) >= 1 ORDER BY 1");
        Assert.Equal([["m1"], ["m2"]], rows);
    }

    [Fact]
    public void Grouping_errors()
    {
        SqlException e = data.Error("SELECT hostname, usage_user FROM cpu GROUP BY hostname", SqlState.GroupingError);
        Assert.Equal("column \"cpu.usage_user\" must appear in the GROUP BY clause or be used in an aggregate function", e.Message);
        Assert.Equal(18, e.Position);
        Assert.Equal("column \"c.count_i\" must appear in the GROUP BY clause or be used in an aggregate function",
            data.Error("SELECT count_i, count(*) FROM cpu c", SqlState.GroupingError).Message);
        Assert.Equal("aggregate functions are not allowed in WHERE", data.Error("SELECT 1 FROM cpu WHERE count(*) > 1", SqlState.GroupingError).Message);
        Assert.Equal("aggregate function calls cannot be nested", data.Error("SELECT max(count(*)) FROM cpu", SqlState.GroupingError).Message);
        Assert.Equal("GROUP BY position 3 is not in select list", data.Error("SELECT hostname FROM cpu GROUP BY 3", SqlState.InvalidColumnReference).Message);
        Assert.Equal("ORDER BY position 2 is not in select list", data.Error("SELECT hostname FROM cpu ORDER BY 2", SqlState.InvalidColumnReference).Message);
        Assert.Equal("function sum(text) does not exist", data.Error("SELECT sum(hostname) FROM cpu", SqlState.UndefinedFunction).Message);
    }

    [Fact]
    public void Many_groups_span_several_output_batches()
    {
        (_, List<object?[]> rows) = data.Query("SELECT count_i, count(*) FROM cpu GROUP BY count_i ORDER BY count_i DESC LIMIT 3");
        Assert.Equal([[19999L, 1L], [19998L, 1L], [19997L, 1L]], rows);
        Assert.Equal(SqlTestData.Rows, data.Query("SELECT time FROM cpu GROUP BY time").Rows.Count);
    }

    [Fact]
    public void Bench_query_shapes_run()
    {
        (_, List<object?[]> rows) = data.Query(
            "SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS time, max(usage_user) AS max_usage_user FROM cpu WHERE hostname = 'host_1' AND time >= '2016-01-01T01:00:00Z' AND time < '2016-01-01T02:00:00Z' GROUP BY 1 ORDER BY 1");
        Assert.Equal(60, rows.Count);
        (_, rows) = data.Query(
            "SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS time, max(usage_user) AS max_usage_user FROM cpu WHERE time < '2016-01-01T02:00:00Z' GROUP BY 1 ORDER BY 1 DESC LIMIT 5");
        Assert.Equal(5, rows.Count);
        Assert.Equal(SqlTestData.BaseTime + (119 * 60 * SqlTestData.Second), rows[0][0]);
        (_, rows) = data.Query("SELECT * FROM cpu WHERE usage_user > 90.0 AND hostname IN ('host_1', 'host_2') AND time >= '2016-01-01T00:00:00Z' AND time < '2016-01-01T12:00:00Z'");
        Assert.All(rows, r => Assert.True((double)r[3]! > 90.0));
        Assert.Equal(800, rows.Count);
    }
}
