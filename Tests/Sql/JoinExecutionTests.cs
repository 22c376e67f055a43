namespace IOx.Pg.Tests.Sql;

/// <summary>
/// Joins and subqueries over the 20,000-row cpu table (three batches, a tag with NULLs), where the
/// expected answers follow from the generator: batches crossing the 8192-pair vector, outer joins
/// across batches, keys of different types, dictionary tags against text, NULL keys.
/// </summary>
public sealed class JoinExecutionTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void One_to_one_join_across_batches_keeps_every_row()
    {
        Assert.Equal(20_000L, data.Scalar("SELECT count(*) FROM cpu a JOIN cpu b ON a.count_i = b.count_i"));
        Assert.Equal(0L, data.Scalar("SELECT count(*) FROM cpu a JOIN cpu b ON a.count_i = b.count_i WHERE a.hostname <> b.hostname"));
    }

    [Fact]
    public void Left_join_keeps_unmatched_rows_with_nulls()
    {
        // a.count_i = 2k matches b.count_i = k for every even a; odd rows stay, NULL-extended.
        var (_, rows) = data.Query("SELECT count(*), count(b.count_i), sum(b.count_i) FROM cpu a LEFT JOIN cpu b ON a.count_i = b.count_i * 2");
        Assert.Equal(20_000L, rows[0][0]);
        Assert.Equal(10_000L, rows[0][1]);
        Assert.Equal(49_995_000m, Convert.ToDecimal(rows[0][2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Fan_out_beyond_one_pair_vector_is_complete()
    {
        // Each of the 10 probe rows meets the 4,000 rows of its host: 40,000 pairs, several vectors.
        Assert.Equal(40_000L, data.Scalar("SELECT count(*) FROM cpu a JOIN cpu b ON a.hostname = b.hostname WHERE a.count_i < 10"));
    }

    [Fact]
    public void Full_join_emits_both_sides_unmatched_rows()
    {
        var (_, rows) = data.Query(
            "SELECT count(*), count(a.count_i), count(b.count_i) FROM (SELECT count_i FROM cpu WHERE count_i < 100) a " +
            "FULL JOIN (SELECT count_i FROM cpu WHERE count_i >= 50 AND count_i < 150) b ON a.count_i = b.count_i");
        Assert.Equal(new object?[] { 150L, 100L, 100L }, rows[0]);
    }

    [Fact]
    public void Keys_of_different_types_and_dictionary_tags_compare_by_value()
    {
        Assert.Equal(20_000L, data.Scalar("SELECT count(*) FROM cpu a JOIN cpu b ON a.count_i = b.count_i::float8"));
        Assert.Equal(4_000L, data.Scalar("SELECT count(*) FROM cpu a JOIN (SELECT 'host_1' AS h) t ON a.hostname = t.h"));
        Assert.Equal(4_000L, data.Scalar("SELECT count(*) FROM cpu a JOIN (SELECT 'host_1'::text AS h) t ON t.h = a.hostname"));
    }

    [Fact]
    public void Null_keys_never_match()
    {
        // Rows 0..7 carry region only on rows 0 and 4: 2 x 2 pairs.
        Assert.Equal(4L, data.Scalar("SELECT count(*) FROM (SELECT region FROM cpu WHERE count_i < 8) a JOIN (SELECT region FROM cpu WHERE count_i < 8) b ON a.region = b.region"));
        Assert.Equal(0L, data.Scalar("SELECT count(*) FROM cpu WHERE hostname NOT IN (SELECT region FROM cpu WHERE count_i < 3)"));
        Assert.Equal(15_000L, data.Scalar("SELECT count(*) FROM cpu WHERE region IS NULL AND NOT EXISTS (SELECT 1 FROM cpu b WHERE b.region = cpu.region)"));
    }

    [Fact]
    public void Subquery_tests_become_semi_and_anti_joins()
    {
        string plan = data.Plan("SELECT count_i FROM cpu WHERE hostname IN (SELECT hostname FROM cpu WHERE count_i < 2) AND count_i NOT IN (SELECT count_i FROM cpu WHERE count_i < 5)");
        Assert.Contains("HashJoin: Semi keys=[hostname#1 = hostname#0]", plan, StringComparison.Ordinal);
        Assert.Contains("HashJoin: NullAwareAnti keys=[count_i#0 = count_i#0]", plan, StringComparison.Ordinal);
        Assert.Equal(7_998L, data.Scalar("SELECT count(*) FROM cpu WHERE hostname IN (SELECT hostname FROM cpu WHERE count_i < 2) AND count_i NOT IN (SELECT count_i FROM cpu WHERE count_i < 5)"));
    }

    [Fact]
    public void Cross_join_counts_every_pair()
    {
        Assert.Equal(60_000L, data.Scalar("SELECT count(*) FROM cpu, (SELECT count_i FROM cpu WHERE count_i < 3) t"));
    }
}
