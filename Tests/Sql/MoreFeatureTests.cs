using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>Remaining corners of the supported SQL: dates, truth tests, ILIKE on tags, distinct counts per group.</summary>
public sealed class MoreFeatureTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void Date_casts()
    {
        (ResultColumn column, object? value) = data.Typed("SELECT '2016-01-05'::date");
        Assert.Equal(("date", DataType.Date), (column.Name, column.Type));
        Assert.Equal(16805, value);
        Assert.Equal(SqlTestData.Ts("2016-01-05 00:00:00Z"), data.Scalar("SELECT '2016-01-05'::date::timestamptz"));
        Assert.Equal(16805, data.Scalar("SELECT timestamptz '2016-01-05 23:59:59+00'::date"));
        Assert.Equal("2016-01-05", data.Scalar("SELECT date '2016-01-05'::text"));
        Assert.Equal(true, data.Scalar("SELECT date '2016-01-05' < timestamptz '2016-01-05 00:00:01+00'"));
        Assert.Equal(1, data.Scalar("SELECT true::int"));
        Assert.Equal(false, data.Scalar("SELECT 0::boolean"));
    }

    [Fact]
    public void Interval_text_output()
    {
        Assert.Equal("-1 days -02:00:00", data.Scalar("SELECT (-interval '1 day 2 hours')::text"));
        Assert.Equal("1 year 2 mons 3 days 04:05:06.5", data.Scalar("SELECT interval '1 year 2 months 3 days 4 hours 5 minutes 6.5 seconds'::text"));
        Assert.Equal("00:00:00", data.Scalar("SELECT (interval '1 hour' - interval '60 minutes')::text"));
    }

    [Fact]
    public void Truth_tests_on_columns()
    {
        Assert.Equal(10000L, data.Scalar("SELECT count(*) FROM cpu WHERE ok IS TRUE"));
        Assert.Equal(10000L, data.Scalar("SELECT count(*) FROM cpu WHERE ok IS NOT TRUE"));
        Assert.Equal(SqlTestData.Rows - 8571L, data.Scalar("SELECT count(*) FROM cpu WHERE (usage_system > 0) IS UNKNOWN"));
    }

    [Fact]
    public void Ilike_on_a_tag_and_like_on_a_late_null_column()
    {
        Assert.Equal(4000L, data.Scalar("SELECT count(*) FROM cpu WHERE hostname ILIKE 'HOST_3'"));
        Assert.Equal(5000L, data.Scalar("SELECT count(*) FROM cpu WHERE region LIKE 'e%'"));
        Assert.Equal(15000L, data.Scalar("SELECT count(*) FROM cpu WHERE region NOT LIKE 'e%' OR region IS NULL"));
    }

    [Fact]
    public void Count_distinct_per_group_and_order_by_aggregate()
    {
        (_, List<object?[]> rows) = data.Query("SELECT msg, count(DISTINCT hostname), count(DISTINCT usage_user) FROM cpu GROUP BY msg ORDER BY 1");
        Assert.Equal([["m0", 5L, 100L], ["m1", 5L, 100L], ["m2", 5L, 100L]], rows);
        (_, rows) = data.Query("SELECT hostname FROM cpu WHERE count_i < 12 GROUP BY hostname ORDER BY count(*) DESC, hostname LIMIT 2");
        Assert.Equal([["host_0"], ["host_1"]], rows);
        (_, rows) = data.Query("SELECT hostname, count(*) AS n FROM cpu WHERE count_i < 12 GROUP BY 1 ORDER BY n, 1 DESC");
        Assert.Equal([["host_4", 2L], ["host_3", 2L], ["host_2", 2L], ["host_1", 3L], ["host_0", 3L]], rows);
    }

    [Fact]
    public void Expressions_of_group_keys_and_aggregates()
    {
        (_, List<object?[]> rows) = data.Query("SELECT upper(hostname) || '!' AS h, count(*) * 2 AS twice, max(count_i) - min(count_i) AS spread FROM cpu GROUP BY hostname ORDER BY h LIMIT 1");
        Assert.Equal([["HOST_0!", 8000L, 19995L]], rows);
        Assert.Equal("column \"cpu.count_i\" must appear in the GROUP BY clause or be used in an aggregate function",
            data.Error("SELECT hostname, count_i + 1 FROM cpu GROUP BY hostname", SqlState.GroupingError).Message);
    }

    [Fact]
    public void Where_on_numeric_literal_against_float_and_unsigned()
    {
        Assert.Equal(2000L, data.Scalar("SELECT count(*) FROM cpu WHERE usage_user BETWEEN 10.25 AND 19.25"));
        Assert.Equal(10L, data.Scalar("SELECT count(*) FROM cpu WHERE u >= 19990.0"));
        Assert.Equal(10L, data.Scalar("SELECT count(*) FROM cpu WHERE u IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)"));
    }

    [Fact]
    public void Output_names_after_star_resolve_in_group_by_and_order_by()
    {
        (_, List<object?[]> rows) = data.Query("SELECT count(*), count_i % 2 AS parity FROM cpu GROUP BY parity ORDER BY parity");
        Assert.Equal([[10000L, 0L], [10000L, 1L]], rows);
        (_, rows) = data.Query("SELECT *, count_i * 10 AS ten FROM cpu WHERE count_i < 3 ORDER BY ten DESC");
        Assert.Equal([20L, 10L, 0L], rows.Select(r => r[^1]));
        Assert.Equal("ORDER BY \"x\" is ambiguous", data.Error("SELECT 1 AS x, 2 AS x ORDER BY x", SqlState.AmbiguousColumn).Message);
    }
}
