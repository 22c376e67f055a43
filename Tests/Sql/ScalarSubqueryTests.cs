using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>
/// Correlated scalar subqueries over the 20,000-row cpu table (three probe batches, a tag with
/// NULLs): the single join they become, answers that follow from the generator, and 21000 when a
/// row meets a second subquery row, even when that row is in another build batch or pair vector.
/// </summary>
public sealed class ScalarSubqueryTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void Correlated_scalar_becomes_a_single_join_keyed_on_the_correlation()
    {
        string plan = data.Plan("SELECT count_i, (SELECT b.usage_user FROM cpu b WHERE b.count_i = a.count_i) FROM cpu a");
        Assert.Contains("HashJoin: Single keys=[", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("subquery:", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_row_reads_its_match_or_null_across_batches()
    {
        // a.count_i * 2 exists for a < 10,000 only: half the rows match, with value 2a.
        var (_, rows) = data.Query("SELECT count(*), count(v), sum(v) FROM (SELECT (SELECT b.count_i FROM cpu b WHERE b.count_i = a.count_i * 2) AS v FROM cpu a) t");
        Assert.Equal(20_000L, rows[0][0]);
        Assert.Equal(10_000L, rows[0][1]);
        Assert.Equal(99_990_000m, Convert.ToDecimal(rows[0][2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Scalar_inside_an_aggregate_argument_is_joined_below_the_aggregation()
    {
        Assert.Equal(10_000L, data.Scalar("SELECT count((SELECT b.count_i FROM cpu b WHERE b.count_i = a.count_i * 2)) FROM cpu a"));
    }

    [Fact]
    public void Scalar_in_where_filters_above_the_join()
    {
        Assert.Equal(5_000L, data.Scalar("SELECT count(*) FROM cpu a WHERE (SELECT b.count_i FROM cpu b WHERE b.count_i = a.count_i * 2) >= 10000"));
    }

    [Fact]
    public void Null_correlation_keys_never_match()
    {
        // region is NULL on 15,000 rows: their scalar is NULL although other NULL-region rows exist.
        Assert.Equal(15_000L, data.Scalar("SELECT count(*) FROM cpu a WHERE (SELECT max(b.count_i) FROM cpu b WHERE b.region = a.region) IS NULL"));
    }

    [Fact]
    public void Aggregated_scalar_is_grouped_by_the_correlation_and_count_of_nothing_is_zero()
    {
        Assert.Equal(40_000m, Convert.ToDecimal(data.Scalar("SELECT sum((SELECT count(*) FROM cpu b WHERE b.hostname = a.hostname)) FROM cpu a WHERE a.count_i < 10"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, data.Scalar("SELECT (SELECT count(*) FROM cpu b WHERE b.region = a.region) FROM cpu a WHERE a.count_i = 1"));
        Assert.Equal(19_996L, data.Scalar("SELECT (SELECT max(b.count_i) FROM cpu b WHERE b.region = a.region) FROM cpu a WHERE a.count_i = 0"));
    }

    [Fact]
    public void Second_match_is_21000_wherever_it_is()
    {
        // host_0 has 4,000 rows spread over the three build batches.
        SqlException e = data.Error("SELECT (SELECT b.count_i FROM cpu b WHERE b.hostname = a.hostname) FROM cpu a WHERE a.count_i = 19999", SqlState.CardinalityViolation);
        Assert.Equal("more than one row returned by a subquery used as an expression", e.Message);

        // Many probe rows with 4,000 matches each: the pairs fill whole vectors before the check.
        data.Error("SELECT (SELECT b.count_i FROM cpu b WHERE b.hostname = a.hostname) FROM cpu a", SqlState.CardinalityViolation);
    }
}
