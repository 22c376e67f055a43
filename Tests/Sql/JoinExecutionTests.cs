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

    [Fact]
    public void Small_left_side_is_built_on_with_every_kind_and_columns_in_order()
    {
        const string small = "(SELECT count_i AS k FROM cpu ORDER BY count_i LIMIT 3) t";
        Assert.Contains("ColumnOrder", Describe($"SELECT t.k FROM {small} JOIN cpu a ON a.count_i = t.k"), StringComparison.Ordinal);
        Assert.Equal(4_000L, data.Scalar("SELECT count(*) FROM (SELECT 'host_1' AS h) t JOIN cpu a ON a.hostname = t.h"));

        var (_, left) = data.Query($"SELECT count(*), count(a.count_i) FROM {small} LEFT JOIN cpu a ON a.count_i = t.k * 10000");
        Assert.Equal(new object?[] { 3L, 2L }, left[0]);

        var (_, right) = data.Query($"SELECT count(*), count(t.k) FROM {small} RIGHT JOIN cpu a ON a.count_i = t.k");
        Assert.Equal(new object?[] { 20_000L, 3L }, right[0]);

        var (_, full) = data.Query("SELECT count(*), count(t.k), count(a.count_i) FROM (SELECT count_i - 1 AS k FROM cpu ORDER BY count_i LIMIT 3) t FULL JOIN cpu a ON a.count_i = t.k");
        Assert.Equal(new object?[] { 20_001L, 3L, 20_000L }, full[0]);

        var (_, rows) = data.Query($"SELECT t.k, a.hostname FROM {small} JOIN cpu a ON a.count_i = t.k AND a.hostname <> 'host_0' ORDER BY 1");
        Assert.Equal(2, rows.Count);
        Assert.Equal(new object?[] { 1L, "host_1" }, rows[0]);
        Assert.Equal(new object?[] { 2L, "host_2" }, rows[1]);
    }

    /// <summary>The physical operator tree's type names, outermost first.</summary>
    private string Describe(string sql)
    {
        var select = (IOx.Pg.Planner.Sql.Ast.SelectStatement)data.Engine.Parse(sql)[0];
        var plan = new IOx.Pg.Planner.Optimizer.LogicalOptimizer().Optimize(new IOx.Pg.Planner.Binder.Binder(data.Storage, data.Session, data.Session.StatementStartNanoseconds).Bind(select).Plan);
        IOx.Pg.Executor.Operators.Operator root = IOx.Pg.Planner.Physical.PhysicalPlanner.Build(plan);
        var names = new List<string>();
        names.Add(root.GetType().Name);
        if (root is IOx.Pg.Executor.Operators.ProjectOperator)
        {
            names.Add(ChildName(root));
        }

        return string.Join(" ", names);
    }

    /// <summary>The type name of the operator a project operator reads (through its private input field).</summary>
    private static string ChildName(IOx.Pg.Executor.Operators.Operator op)
    {
        foreach (var field in op.GetType().GetFields(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance))
        {
            if (field.GetValue(op) is IOx.Pg.Executor.Operators.Operator child)
            {
                return child.GetType().Name;
            }
        }

        return "";
    }
}
