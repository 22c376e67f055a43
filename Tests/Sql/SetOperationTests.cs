using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>Subqueries in FROM and UNION [ALL] over the three-batch test table.</summary>
public sealed class SetOperationTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void SubqueryInFromFeedsTheOuterQuery()
    {
        Assert.Equal(100L, data.Scalar("SELECT count(*) FROM (SELECT hostname FROM cpu WHERE count_i < 100) AS t"));
        List<object?[]> rows = data.Query(
            "SELECT h, n FROM (SELECT hostname AS h, count(*) AS n FROM cpu GROUP BY hostname) sub WHERE h <> 'host_0' ORDER BY h LIMIT 2").Rows;
        Assert.Equal([["host_1", 4000L], ["host_2", 4000L]], rows);
        string plan = data.Plan("SELECT t.c FROM (SELECT count_i AS c FROM cpu) AS t WHERE t.c = 5");
        Assert.Contains("Scan: cpu", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void UnionAllKeepsRowsAndUnionRemovesDuplicates()
    {
        List<object?[]> rows = data.Query(
            "SELECT count_i FROM cpu WHERE count_i < 3 UNION ALL SELECT count_i FROM cpu WHERE count_i > 19997 ORDER BY 1").Rows;
        Assert.Equal([[0L], [1L], [2L], [19998L], [19999L]], rows);
        Assert.Equal(5L, data.Scalar("SELECT count(*) FROM (SELECT hostname FROM cpu UNION SELECT hostname FROM cpu) AS u"));
        Assert.Equal((long)SqlTestData.Rows * 2, data.Scalar("SELECT count(*) FROM (SELECT hostname FROM cpu UNION ALL SELECT msg FROM cpu) AS u"));
    }

    [Fact]
    public void UnionColumnTypesAreResolvedAcrossSides()
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = data.Query("SELECT 1 AS x, NULL AS y UNION ALL SELECT count_i, usage_user FROM cpu WHERE count_i = 7");
        Assert.Equal([DataType.Int64, DataType.Float64], columns.Select(c => c.Type));
        Assert.Equal(["x", "y"], columns.Select(c => c.Name));
        Assert.Equal([[1L, null], [7L, 7.25]], rows);
        Assert.Equal(SqlState.InvalidTextRepresentation, data.Error("SELECT 1 UNION SELECT 'x'", SqlState.InvalidTextRepresentation).SqlState);
    }

    [Fact]
    public void ParametersAreTypedAcrossSidesAndSubqueries()
    {
        PreparedQuery prepared = data.Engine.Prepare(
            data.Engine.Parse("SELECT $1::int UNION ALL SELECT n FROM (SELECT count_i AS n FROM cpu WHERE hostname = $2) AS t")[0], data.Session, []);
        Assert.Equal([DataType.Int32, DataType.Utf8], prepared.ParameterTypes);
        Assert.Equal(DataType.Int64, prepared.Columns![0].Type);
    }
}
