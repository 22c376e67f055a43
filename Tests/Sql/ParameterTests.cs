using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>Bind parameters in the engine: type inference when preparing, typed values when executing.</summary>
public sealed class ParameterTests : IClassFixture<SqlTestData>
{
    /// <summary>The shared data.</summary>
    private readonly SqlTestData _data;

    /// <summary>Uses the shared data.</summary>
    public ParameterTests(SqlTestData data) => _data = data;

    /// <summary>Prepares <paramref name="sql"/> with the given declared types (none by default).</summary>
    private PreparedQuery Prepare(string sql, params DataType?[] declared) =>
        _data.Engine.Prepare(_data.Engine.Parse(sql)[0], _data.Session, declared);

    /// <summary>Runs <paramref name="sql"/> with parameter values; the rows.</summary>
    private List<object?[]> Run(string sql, params ScalarValue[] values)
    {
        QueryResult result = _data.Engine.Execute(_data.Engine.Parse(sql)[0], _data.Session, CancellationToken.None, values);
        var rows = new List<object?[]>();
        foreach (RecordBatch batch in result.Batches)
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                var row = new object?[batch.Schema.Count];
                for (int c = 0; c < row.Length; c++)
                {
                    row[c] = ColumnFactory.GetScalar(batch.Column(c), r).Value;
                }

                rows.Add(row);
            }
        }

        return rows;
    }

    [Theory]
    [InlineData("SELECT * FROM cpu WHERE time > $1", DataType.Timestamp)]
    [InlineData("SELECT * FROM cpu WHERE hostname = $1", DataType.Utf8)]
    [InlineData("SELECT * FROM cpu WHERE usage_user > $1", DataType.Float64)]
    [InlineData("SELECT * FROM cpu WHERE count_i = $1", DataType.Int64)]
    [InlineData("SELECT * FROM cpu WHERE u = $1", DataType.Numeric)]
    [InlineData("SELECT * FROM cpu WHERE ok = $1", DataType.Boolean)]
    [InlineData("SELECT * FROM cpu WHERE $1", DataType.Boolean)]
    [InlineData("SELECT $1", DataType.Utf8)]
    [InlineData("SELECT $1::int", DataType.Int32)]
    [InlineData("SELECT $1 + 1", DataType.Int32)]
    [InlineData("SELECT count_i FROM cpu LIMIT $1", DataType.Int64)]
    [InlineData("SELECT date_bin($1, time) FROM cpu", DataType.Interval)]
    [InlineData("SELECT * FROM cpu WHERE time > now() - $1::interval", DataType.Interval)]
    [InlineData("SELECT now() - $1", DataType.Timestamp)]
    [InlineData("SELECT * FROM cpu WHERE hostname IN ($1, 'x')", DataType.Utf8)]
    [InlineData("SELECT * FROM cpu WHERE msg LIKE $1", DataType.Utf8)]
    public void UnspecifiedTypesAreInferredFromContext(string sql, DataType expected)
    {
        PreparedQuery prepared = Prepare(sql);
        Assert.Equal([expected], prepared.ParameterTypes);
        Assert.NotNull(prepared.Columns);
    }

    [Fact]
    public void DeclaredTypesWinAndColumnsAreKnownBeforeValues()
    {
        PreparedQuery prepared = Prepare("SELECT hostname, $1 AS v, $2 FROM cpu WHERE count_i < $1", DataType.Int32, null);
        Assert.Equal([DataType.Int32, DataType.Utf8], prepared.ParameterTypes);
        Assert.Equal(["hostname", "v", "?column?"], prepared.Columns!.Select(c => c.Name));
        Assert.Equal([DataType.Utf8, DataType.Int32, DataType.Utf8], prepared.Columns!.Select(c => c.Type));
    }

    [Fact]
    public void FirstContextDecidesARepeatedParameter()
    {
        PreparedQuery prepared = Prepare("SELECT * FROM cpu WHERE count_i > $1 AND usage_user > $1");
        Assert.Equal([DataType.Int64], prepared.ParameterTypes);
    }

    [Fact]
    public void UndecidableAndMissingParametersAreErrors()
    {
        // $1 is never referenced, so nothing decides its type (PostgreSQL: 42P18).
        SqlException e = Assert.Throws<SqlException>(() => Prepare("SELECT $2::int"));
        Assert.Equal(SqlState.IndeterminateDatatype, e.SqlState);
        Assert.Equal("could not determine data type of parameter $1", e.Message);

        e = Assert.Throws<SqlException>(() => Prepare("SELECT $0"));
        Assert.Equal(SqlState.UndefinedParameter, e.SqlState);
        Assert.Equal("there is no parameter $0", e.Message);
        Assert.Equal(8, e.Position);

        e = Assert.Throws<SqlException>(() => Run("SELECT $2", new ScalarValue(DataType.Int32, 1)));
        Assert.Equal(SqlState.UndefinedParameter, e.SqlState);
    }

    [Fact]
    public void ValuesBindAsTypedConstants()
    {
        long from = SqlTestData.BaseTime + (100 * SqlTestData.Second);
        List<object?[]> rows = Run(
            "SELECT count(*) FROM cpu WHERE hostname = $1 AND time >= $2 AND usage_user > $3",
            new ScalarValue(DataType.Utf8, "host_1"), new ScalarValue(DataType.Timestamp, from), new ScalarValue(DataType.Float64, 50.0));
        long expected = 0;
        for (int i = 100; i < SqlTestData.Rows; i++)
        {
            expected += i % 5 == 1 && (i % 100) + 0.25 > 50.0 ? 1 : 0;
        }

        Assert.Equal(expected, Assert.Single(rows)[0]);
        Assert.Equal(_data.Scalar($"SELECT count(*) FROM cpu WHERE hostname = 'host_1' AND time >= '2016-01-01 00:01:40Z' AND usage_user > 50"), rows[0][0]);
    }

    [Fact]
    public void AParameterizedTimeBoundIsPushedIntoTheScan()
    {
        var select = (SelectStatement)_data.Engine.Parse("SELECT count(*) FROM cpu WHERE time >= $1")[0];
        _data.Engine.Plan(select, _data.Session, [new ScalarValue(DataType.Timestamp, SqlTestData.BaseTime + (9000 * SqlTestData.Second))], out LogicalPlan plan);
        Assert.Contains("Scan: cpu projection=[time] time=[2016-01-01 02:30:00+00, +inf]", plan.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NullParametersAreTypedNulls()
    {
        Assert.Equal([true, null], Assert.Single(Run("SELECT $1 IS NULL, $1 + 1", ScalarValue.Null(DataType.Int32))));
        Assert.Empty(Run("SELECT count_i FROM cpu WHERE count_i = $1", ScalarValue.Null(DataType.Int64)));
    }

    [Fact]
    public void LimitAndOffsetTakeParameters()
    {
        List<object?[]> rows = Run("SELECT count_i FROM cpu ORDER BY count_i LIMIT $1 OFFSET $2",
            new ScalarValue(DataType.Int64, 3L), new ScalarValue(DataType.Int64, 10L));
        Assert.Equal([10L, 11L, 12L], rows.Select(r => r[0]));
    }

    [Fact]
    public void AValueOfAnotherTypeIsCoercedOrRefusedLikeADeclaredType()
    {
        // An int4 value against a bigint column: implicit cast, as a declared int4 parameter would be.
        Assert.Single(Run("SELECT count_i FROM cpu WHERE count_i = $1", new ScalarValue(DataType.Int32, 7)));
        SqlException e = Assert.Throws<SqlException>(() => Run("SELECT count_i FROM cpu WHERE time = $1", new ScalarValue(DataType.Int32, 7)));
        Assert.Equal(SqlState.UndefinedFunction, e.SqlState);
    }
}
