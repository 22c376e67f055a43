namespace IOx.Pg.Tests.Sql;

/// <summary>
/// GROUP BY a tag after rows were filtered or gathered: the column keeps its whole dictionary, and
/// entries no remaining row uses must not become (empty) groups.
/// </summary>
public sealed class DictionaryGroupTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void Filtered_tag_groups_only_the_values_left()
    {
        var (_, rows) = data.Query("SELECT hostname, count(*) FROM cpu WHERE count_i < 3 GROUP BY hostname ORDER BY 1");
        Assert.Equal(3, rows.Count);
        Assert.Equal(new object?[] { "host_0", 1L }, rows[0]);
        Assert.Equal(new object?[] { "host_2", 1L }, rows[2]);
    }

    [Fact]
    public void Filtered_tag_with_nulls_groups_null_once_and_only_when_present()
    {
        Assert.Equal(2L, data.Scalar("SELECT count(*) FROM (SELECT region FROM cpu WHERE count_i < 6 GROUP BY region) AS g"));
        Assert.Equal(1L, data.Scalar("SELECT count(*) FROM (SELECT region FROM cpu WHERE count_i = 1 GROUP BY region) AS g"));
    }
}
