using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>CASE, COALESCE, NULLIF, GREATEST, LEAST and the new functions over the three-batch test table.</summary>
public sealed class ConditionalFunctionTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void CaseArmsRunOnlyForTheirRows()
    {
        // 100 / (count_i % 7) would divide by zero on every 7th row if the ELSE arm saw those rows.
        long expected = 0;
        for (long i = 0; i < SqlTestData.Rows; i++)
        {
            expected += i % 7 == 0 ? 0 : 100 / (i % 7);
        }

        Assert.Equal((decimal)expected, data.Scalar("SELECT sum(CASE WHEN count_i % 7 = 0 THEN 0 ELSE 100 / (count_i % 7) END) FROM cpu"));
    }

    [Fact]
    public void CaseKeepsRowOrderAndNullsForRowsNoArmTakes()
    {
        List<object?[]> rows = data.Query(
            "SELECT count_i, CASE count_i % 3 WHEN 0 THEN 'zero' WHEN 1 THEN hostname END AS c FROM cpu ORDER BY count_i LIMIT 6").Rows;
        Assert.Equal([[0L, "zero"], [1L, "host_1"], [2L, null], [3L, "zero"], [4L, "host_4"], [5L, null]], rows);
    }

    [Fact]
    public void CoalesceOverAColumnMissingFromEarlyBatches()
    {
        double expected = 0;
        for (int i = 0; i < SqlTestData.Rows; i++)
        {
            expected += i >= SqlTestData.LateColumnRow && i % 7 != 0 ? i % 50 : -1;
        }

        Assert.Equal(expected, data.Scalar("SELECT sum(COALESCE(usage_system, -1)) FROM cpu"));
        Assert.Equal((long)SqlTestData.Rows, data.Scalar("SELECT count(COALESCE(usage_system, usage_user)) FROM cpu"));
    }

    [Fact]
    public void GreatestLeastAndNullif()
    {
        Assert.Equal(double.NaN, data.Scalar("SELECT greatest('NaN'::float8, 1, NULL)"));
        Assert.Equal(1.0, data.Scalar("SELECT least('NaN'::float8, 1)"));
        Assert.Equal("m2", data.Scalar("SELECT max(greatest(hostname, msg)) FROM cpu"));
        Assert.Equal("host_0", data.Scalar("SELECT min(least(hostname, msg)) FROM cpu"));
        Assert.Null(data.Scalar("SELECT greatest(NULL::int, NULL)"));
        (ResultColumn column, object? value) = data.Typed("SELECT nullif(1, 2.5)");
        Assert.Equal(DataType.Numeric, column.Type);
        Assert.Equal(1m, value);
        Assert.Equal((long)(SqlTestData.Rows - (SqlTestData.Rows / 5)), data.Scalar("SELECT count(nullif(hostname, 'host_0')) FROM cpu"));
    }

    [Theory]
    [InlineData("SELECT CASE WHEN true THEN 1 END", "case")]
    [InlineData("SELECT CASE WHEN true THEN 1 ELSE count_i END FROM cpu LIMIT 1", "count_i")]
    [InlineData("SELECT coalesce(NULL, 1)", "coalesce")]
    [InlineData("SELECT position('a' IN 'cab')", "position")]
    [InlineData("SELECT trim(leading 'x' FROM 'xa')", "ltrim")]
    [InlineData("SELECT substring('abc' FROM 2)", "substring")]
    public void OutputNamesFollowPostgres(string sql, string name) => Assert.Equal(name, data.Query(sql).Columns[0].Name);

    [Fact]
    public void ScientificFloatLiteralsDoNotGoThroughDecimal()
    {
        (ResultColumn column, object? value) = data.Typed("SELECT 1e100::float8");
        Assert.Equal(DataType.Float64, column.Type);
        Assert.Equal(1e100, value);
        Assert.Equal(1e-30, data.Scalar("SELECT CAST(1e-30 AS double precision)"));
        Assert.Equal(0.1, data.Scalar("SELECT 0.1::float8"));
        Assert.Equal(3.4e38f, data.Scalar("SELECT 3.4e38::real"));
        Assert.Equal(SqlState.NumericValueOutOfRange, data.Error("SELECT 1e400::float8", SqlState.NumericValueOutOfRange).SqlState);
    }

    [Fact]
    public void TextFunctionsOnDictionaryColumnsAndNulls()
    {
        Assert.Equal("st_3", data.Scalar("SELECT substr(hostname, 3) FROM cpu WHERE count_i = 3"));
        Assert.Equal(5, data.Scalar("SELECT strpos(hostname, '_1') FROM cpu WHERE count_i = 1"));
        Assert.Null(data.Scalar("SELECT lpad(region, 4, '*') FROM cpu WHERE count_i = 1"));
        Assert.Equal("**eu", data.Scalar("SELECT lpad(region, 4, '*') FROM cpu WHERE count_i = 0"));
        Assert.Equal((long)SqlTestData.Rows / 5, data.Scalar("SELECT count(*) FROM cpu WHERE split_part(hostname, '_', 2) = '2'"));
        Assert.Equal((long)SqlTestData.Rows, data.Scalar("SELECT count(*) FROM cpu WHERE starts_with(hostname, 'host')"));
    }

    [Fact]
    public void MathFunctionResultTypes()
    {
        Assert.Equal(DataType.Float64, data.Typed("SELECT round(7)").Column.Type);
        Assert.Equal(DataType.Numeric, data.Typed("SELECT round(2.5)").Column.Type);
        Assert.Equal(3m, data.Scalar("SELECT round(2.5)"));
        Assert.Equal(2.0, data.Scalar("SELECT round(2.5::float8)"));
        Assert.Equal(DataType.Int64, data.Typed("SELECT mod(count_i, 3) FROM cpu LIMIT 1").Column.Type);
        Assert.Equal(SqlState.FeatureNotSupported, data.Error("SELECT sqrt(2.0)", SqlState.FeatureNotSupported).SqlState);
    }
}
