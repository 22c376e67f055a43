using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.Sql;

/// <summary>Output column names of subquery expressions, as PostgreSQL 15 names them (checked with psql against it).</summary>
public sealed class SubqueryColumnNameTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void Subqueries_are_named_after_their_column_exists_and_array_after_themselves()
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = data.Query(
            "SELECT (SELECT 1 AS x), (SELECT max(count_i) FROM cpu), EXISTS (SELECT 1), ARRAY(SELECT 2), (SELECT 1 + 1), (SELECT hostname FROM cpu LIMIT 1)::text AS h");
        Assert.Equal(["x", "max", "exists", "array", "?column?", "h"], columns.Select(c => c.Name));
        Assert.Equal(DataType.List, columns[3].Type);
        Assert.Equal(DataType.Int32, columns[3].ElementType);
        Assert.Single(rows);
    }
}
