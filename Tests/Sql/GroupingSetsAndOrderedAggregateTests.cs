using System.Diagnostics;
using IOx.Pg.Storage.Errors;
using Xunit.Abstractions;

namespace IOx.Pg.Tests.Sql;

/// <summary>
/// Grouping sets, ordered aggregates and WITH RECURSIVE over the 20,000-row table (three input
/// batches, so orderings and sets cross batch boundaries), checked against the generator's formulas.
/// </summary>
public sealed class GroupingSetsAndOrderedAggregateTests(SqlTestData data, ITestOutputHelper output) : IClassFixture<SqlTestData>
{
    [Fact]
    public void Rollup_rows_agree_with_plain_grouping_and_the_total()
    {
        (_, List<object?[]> rows) = data.Query("SELECT hostname, msg, count(*), GROUPING(hostname, msg) FROM cpu GROUP BY ROLLUP (hostname, msg)");

        // 5 hosts × 3 messages, 5 host subtotals, 1 total.
        Assert.Equal(15 + 5 + 1, rows.Count);
        object?[] total = Assert.Single(rows, r => r[0] is null && r[1] is null);
        Assert.Equal((long)SqlTestData.Rows, total[2]);
        Assert.Equal(3, total[3]);
        foreach (object?[] subtotal in rows.Where(r => r[0] is not null && r[1] is null))
        {
            int host = int.Parse(((string)subtotal[0]!)["host_".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal((long)Enumerable.Range(0, SqlTestData.Rows).Count(i => i % 5 == host), subtotal[2]);
            Assert.Equal(1, subtotal[3]);
        }

        Assert.Equal((long)SqlTestData.Rows, rows.Where(r => r[1] is not null).Sum(r => (long)r[2]!));
    }

    [Fact]
    public void Percentiles_and_mode_cross_batches()
    {
        (_, List<object?[]> rows) = data.Query(
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY count_i), percentile_disc(0.25) WITHIN GROUP (ORDER BY count_i DESC), mode() WITHIN GROUP (ORDER BY usage_user) FROM cpu");
        double[] sorted = Enumerable.Range(0, SqlTestData.Rows).Select(i => (double)i).ToArray();
        double position = 0.5 * (sorted.Length - 1);
        double expected = sorted[(int)Math.Floor(position)] + ((sorted[(int)Math.Ceiling(position)] - sorted[(int)Math.Floor(position)]) * (position - Math.Floor(position)));
        Assert.Equal(expected, rows[0][0]);

        // DESC: the value at position ceil(0.25 · n) from the top.
        Assert.Equal((long)(SqlTestData.Rows - (int)Math.Ceiling(0.25 * SqlTestData.Rows)), rows[0][1]);

        // Every usage value occurs 200 times: the tie goes to the first in order, the smallest.
        Assert.Equal(0.25, rows[0][2]);
    }

    [Fact]
    public void String_agg_order_by_spans_batches()
    {
        (_, List<object?[]> rows) = data.Query("SELECT string_agg(count_i::text, ',' ORDER BY count_i DESC) FROM cpu WHERE count_i % 1000 = 7");
        Assert.Equal(string.Join(',', Enumerable.Range(0, SqlTestData.Rows).Where(i => i % 1000 == 7).Reverse()), rows[0][0]);
    }

    [Fact]
    public void Recursive_union_distinct_stops_on_cycles_and_union_all_is_guarded()
    {
        (_, List<object?[]> rows) = data.Query("WITH RECURSIVE r(n) AS (SELECT 0 UNION SELECT (n + 7) % 1000 FROM r) SELECT count(*), sum(n) FROM r");
        Assert.Equal(1000L, rows[0][0]);
        Assert.Equal(499_500L, rows[0][1]);

        SqlException e = Assert.Throws<SqlException>(() => data.Query("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT r.n FROM r CROSS JOIN (SELECT 1 UNION ALL SELECT 2) t) SELECT count(*) FROM r"));
        Assert.Equal(SqlState.ProgramLimitExceeded, e.SqlState);
    }

    [Fact]
    public void Timings_of_the_new_plans()
    {
        // The doubling recursion above passes 10,000,000 rows after about 23 iterations and stops with 54000.
        // Not an assertion on speed: prints what the shapes cost on this machine (see the report).
        foreach (string sql in new[]
        {
            "SELECT hostname, msg, count(*), avg(usage_user) FROM cpu GROUP BY hostname, msg",
            "SELECT hostname, msg, count(*), avg(usage_user) FROM cpu GROUP BY CUBE (hostname, msg)",
            "SELECT hostname, percentile_cont(0.9) WITHIN GROUP (ORDER BY usage_user) FROM cpu GROUP BY hostname",
            "SELECT hostname, string_agg(msg, ',' ORDER BY time DESC) FROM cpu GROUP BY hostname",
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10000) SELECT count(*) FROM r",
            "SELECT time::text, usage_user::text FROM cpu",
            "SELECT to_char(time, 'YYYY-MM-DD HH24:MI:SS'), to_char(usage_user, 'FM999.00') FROM cpu",
        })
        {
            data.Query(sql);
            var watch = Stopwatch.StartNew();
            data.Query(sql);
            output.WriteLine($"{watch.Elapsed.TotalMilliseconds,8:F1} ms  {sql}");
        }
    }
}
