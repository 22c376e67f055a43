using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>Queries over the cpu table: projection, filters, ordering, limits, batch boundaries, late columns.</summary>
public sealed class QueryTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    /// <summary>Rows of cpu matching a predicate on the row index.</summary>
    private static int CountWhere(Func<int, bool> predicate)
    {
        int n = 0;
        for (int i = 0; i < SqlTestData.Rows; i++)
        {
            if (predicate(i))
            {
                n++;
            }
        }

        return n;
    }

    [Fact]
    public void Star_lists_table_columns_in_order_with_sql_types()
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = data.Query("SELECT * FROM cpu LIMIT 1");
        Assert.Equal(
            [
                new ResultColumn("time", DataType.Timestamp), new ResultColumn("hostname", DataType.Utf8), new ResultColumn("region", DataType.Utf8),
                new ResultColumn("usage_user", DataType.Float64), new ResultColumn("count_i", DataType.Int64), new ResultColumn("u", DataType.UInt64),
                new ResultColumn("ok", DataType.Boolean), new ResultColumn("msg", DataType.Utf8), new ResultColumn("Upper", DataType.Float64),
                new ResultColumn("usage_system", DataType.Float64),
            ],
            columns);
        Assert.Equal([SqlTestData.BaseTime, "host_0", "eu", 0.25, 0L, 0UL, true, "m0", 1.0, null], rows[0]);
    }

    [Fact]
    public void Full_scan_crosses_batch_boundaries()
    {
        (_, List<object?[]> rows) = data.Query("SELECT count_i, public.cpu.hostname, c FROM (cpu) ".Replace("(cpu)", "cpu", StringComparison.Ordinal).Replace(", c FROM", " FROM", StringComparison.Ordinal));
        Assert.Equal(SqlTestData.Rows, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal((long)i, rows[i][0]);
            Assert.Equal($"host_{i % 5}", rows[i][1]);
        }
    }

    [Fact]
    public void Alias_qualifies_columns()
    {
        Assert.Equal(4000L, data.Scalar("SELECT count(*) FROM public.cpu AS c WHERE c.hostname = 'host_1'"));
        Assert.Equal(4000L, data.Scalar("SELECT count(*) FROM cpu c WHERE c.hostname = 'host_1'"));
        SqlException e = data.Error("SELECT cpu.hostname FROM cpu c", SqlState.UndefinedTable);
        Assert.Equal("invalid reference to FROM-clause entry for table \"cpu\"", e.Message);
        Assert.Equal("missing FROM-clause entry for table \"x\"", data.Error("SELECT x.hostname FROM cpu", SqlState.UndefinedTable).Message);
    }

    [Theory]
    [InlineData("hostname = 'host_1'")]
    [InlineData("hostname <> 'host_1'")]
    [InlineData("hostname != 'host_1'")]
    [InlineData("hostname < 'host_2'")]
    [InlineData("hostname >= 'host_3'")]
    [InlineData("usage_user > 90.0")]
    [InlineData("usage_user <= 10")]
    [InlineData("count_i < 100 OR count_i >= 19900")]
    [InlineData("NOT (count_i < 100)")]
    [InlineData("hostname IN ('host_1', 'host_3')")]
    [InlineData("hostname NOT IN ('host_1', 'host_3')")]
    [InlineData("count_i IN (1, 2, 3, 40000)")]
    [InlineData("count_i BETWEEN 10 AND 20")]
    [InlineData("count_i NOT BETWEEN 10 AND 19989")]
    [InlineData("hostname LIKE 'host\\_1%'")]
    [InlineData("hostname NOT LIKE '%2'")]
    [InlineData("msg LIKE 'm_'")]
    [InlineData("ok")]
    [InlineData("NOT ok AND count_i > 100")]
    [InlineData("region IS NULL")]
    [InlineData("region IS NOT NULL")]
    [InlineData("usage_system IS NULL")]
    [InlineData("usage_system > 10")]
    [InlineData("NOT (usage_system > 10)")]
    [InlineData("usage_system > 10 OR count_i < 5")]
    [InlineData("u > 19990")]
    [InlineData("u = 5")]
    [InlineData("time >= '2016-01-01T01:00:00Z' AND time < '2016-01-01 02:00:00+00'")]
    [InlineData("time > now()")]
    [InlineData("time BETWEEN timestamptz '2016-01-01 00:00:10+00' AND '2016-01-01 00:00:20+00'")]
    [InlineData("time::text LIKE '2016-01-01 00:00:1%'")]
    [InlineData("hostname || '/' || msg = 'host_1/m1'")]
    [InlineData("count_i % 1000 = 0")]
    [InlineData("lower(upper(hostname)) = 'host_4'")]
    public void Where_matches_reference(string predicate)
    {
        long expected = CountWhere(i => Reference(predicate, i));
        Assert.Equal(expected, data.Scalar($"SELECT count(*) FROM cpu WHERE {predicate}"));
    }

    /// <summary>The same predicates computed directly on the generator's formulas (NULL counts as not matching).</summary>
    private static bool Reference(string predicate, int i)
    {
        string host = $"host_{i % 5}";
        double user = (i % 100) + 0.25;
        bool hasSystem = i >= SqlTestData.LateColumnRow && i % 7 != 0;
        double system = i % 50;
        long time = SqlTestData.BaseTime + (i * SqlTestData.Second);
        return predicate switch
        {
            "hostname = 'host_1'" => host == "host_1",
            "hostname <> 'host_1'" or "hostname != 'host_1'" => host != "host_1",
            "hostname < 'host_2'" => string.CompareOrdinal(host, "host_2") < 0,
            "hostname >= 'host_3'" => string.CompareOrdinal(host, "host_3") >= 0,
            "usage_user > 90.0" => user > 90.0,
            "usage_user <= 10" => user <= 10,
            "count_i < 100 OR count_i >= 19900" => i < 100 || i >= 19900,
            "NOT (count_i < 100)" => i >= 100,
            "hostname IN ('host_1', 'host_3')" => host is "host_1" or "host_3",
            "hostname NOT IN ('host_1', 'host_3')" => host is not ("host_1" or "host_3"),
            "count_i IN (1, 2, 3, 40000)" => i is 1 or 2 or 3,
            "count_i BETWEEN 10 AND 20" => i is >= 10 and <= 20,
            "count_i NOT BETWEEN 10 AND 19989" => i is < 10 or > 19989,
            "hostname LIKE 'host\\_1%'" => host.StartsWith("host_1", StringComparison.Ordinal),
            "hostname NOT LIKE '%2'" => !host.EndsWith('2'),
            "msg LIKE 'm_'" => true,
            "ok" => i % 2 == 0,
            "NOT ok AND count_i > 100" => i % 2 != 0 && i > 100,
            "region IS NULL" => i % 4 != 0,
            "region IS NOT NULL" => i % 4 == 0,
            "usage_system IS NULL" => !hasSystem,
            "usage_system > 10" => hasSystem && system > 10,
            "NOT (usage_system > 10)" => hasSystem && !(system > 10),
            "usage_system > 10 OR count_i < 5" => (hasSystem && system > 10) || i < 5,
            "u > 19990" => i > 19990,
            "u = 5" => i == 5,
            "time >= '2016-01-01T01:00:00Z' AND time < '2016-01-01 02:00:00+00'" => i is >= 3600 and < 7200,
            "time > now()" => i > 3600,
            "time BETWEEN timestamptz '2016-01-01 00:00:10+00' AND '2016-01-01 00:00:20+00'" => i is >= 10 and <= 20,
            "time::text LIKE '2016-01-01 00:00:1%'" => i is >= 10 and < 20,
            "hostname || '/' || msg = 'host_1/m1'" => i % 5 == 1 && i % 3 == 1,
            "count_i % 1000 = 0" => i % 1000 == 0,
            "lower(upper(hostname)) = 'host_4'" => host == "host_4",
            _ => throw new ArgumentException(predicate) { HelpLink = time.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
    }

    [Fact]
    public void Expressions_over_columns()
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = data.Query(
            "SELECT count_i * 2 + 1 AS x, usage_user / 2, u + 1, -count_i, hostname || 'x' hx, time + interval '1 minute', usage_system FROM cpu WHERE count_i = 10001");
        Assert.Equal(["x", "?column?", "?column?", "?column?", "hx", "?column?", "usage_system"], columns.Select(c => c.Name));
        Assert.Equal([DataType.Int64, DataType.Float64, DataType.Numeric, DataType.Int64, DataType.Utf8, DataType.Timestamp, DataType.Float64], columns.Select(c => c.Type));
        Assert.Equal([20003L, 0.625, 10002m, -10001L, "host_1x", SqlTestData.BaseTime + (10001 * SqlTestData.Second) + (60 * SqlTestData.Second), 1.0], rows[0]);
    }

    [Fact]
    public void Order_by_defaults_and_nulls()
    {
        (_, List<object?[]> rows) = data.Query("SELECT count_i, usage_system FROM cpu WHERE count_i BETWEEN 9995 AND 10010 ORDER BY usage_system, count_i DESC");
        // ASC puts NULLs last; ties on usage_system broken by count_i DESC.
        Assert.Equal(16, rows.Count);
        Assert.Equal([10000L, 0.0], rows[0]);
        Assert.Null(rows[^1][1]);
        Assert.Equal(9995L, rows[^1][0]);
        (_, rows) = data.Query("SELECT usage_system FROM cpu WHERE count_i BETWEEN 9995 AND 10010 ORDER BY 1 DESC");
        Assert.Null(rows[0][0]);
        Assert.Equal(9.0, rows[7][0]);
        Assert.Equal(0.0, rows[^1][0]);
        (_, rows) = data.Query("SELECT usage_system FROM cpu WHERE count_i BETWEEN 9995 AND 10010 ORDER BY 1 DESC NULLS LAST");
        Assert.Null(rows[^1][0]);
        (_, rows) = data.Query("SELECT usage_system s FROM cpu WHERE count_i BETWEEN 9995 AND 10010 ORDER BY s NULLS FIRST");
        Assert.Null(rows[0][0]);
        Assert.Null(rows[6][0]);
        Assert.Equal(0.0, rows[7][0]);
    }

    [Fact]
    public void Order_by_expression_not_in_select_list_and_text()
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = data.Query("SELECT hostname FROM cpu WHERE count_i < 10 ORDER BY count_i % 5 DESC, count_i");
        Assert.Single(columns);
        Assert.Equal(["host_4", "host_4", "host_3", "host_3", "host_2", "host_2", "host_1", "host_1", "host_0", "host_0"], rows.Select(r => (string)r[0]!));
        (_, rows) = data.Query("SELECT msg, count_i FROM cpu WHERE count_i < 6 ORDER BY msg DESC, 2");
        Assert.Equal([2L, 5L, 1L, 4L, 0L, 3L], rows.Select(r => (long)r[1]!));
    }

    [Fact]
    public void Limit_offset_and_top_k_agree_with_full_sort()
    {
        (_, List<object?[]> all) = data.Query("SELECT count_i FROM cpu ORDER BY usage_user DESC, count_i");
        (_, List<object?[]> top) = data.Query("SELECT count_i FROM cpu ORDER BY usage_user DESC, count_i LIMIT 25 OFFSET 10");
        Assert.Equal(all.Skip(10).Take(25).Select(r => r[0]), top.Select(r => r[0]));
        (_, List<object?[]> big) = data.Query("SELECT count_i FROM cpu ORDER BY usage_user DESC, count_i LIMIT 9000");
        Assert.Equal(all.Take(9000).Select(r => r[0]), big.Select(r => r[0]));
        (_, List<object?[]> plain) = data.Query("SELECT count_i FROM cpu OFFSET 8190 LIMIT 5");
        Assert.Equal([8190L, 8191L, 8192L, 8193L, 8194L], plain.Select(r => (long)r[0]!));
        Assert.Empty(data.Query("SELECT count_i FROM cpu LIMIT 0").Rows);
        Assert.Equal(3, data.Query("SELECT count_i FROM cpu LIMIT 3").Rows.Count);
        Assert.Equal(3, data.Query("SELECT count_i FROM cpu LIMIT 2.5").Rows.Count);
        Assert.Equal(4, data.Query("SELECT count_i FROM cpu LIMIT '4'").Rows.Count);
        Assert.Equal("argument of LIMIT must be type bigint, not type text", data.Error("SELECT 1 LIMIT 'a'::text", SqlState.DatatypeMismatch).Message);
        Assert.Equal(SqlTestData.Rows, data.Query("SELECT count_i FROM cpu LIMIT ALL").Rows.Count);
        Assert.Equal(5, data.Query("SELECT count_i FROM cpu OFFSET 19995").Rows.Count);
        Assert.Equal("LIMIT must not be negative", data.Error("SELECT 1 LIMIT -1", SqlState.InvalidRowCountInLimitClause).Message);
        Assert.Equal("OFFSET must not be negative", data.Error("SELECT 1 OFFSET -1", SqlState.InvalidRowCountInResultOffsetClause).Message);
        Assert.Equal("argument of LIMIT must not contain variables", data.Error("SELECT count_i FROM cpu LIMIT count_i", SqlState.InvalidColumnReference).Message);
    }

    [Fact]
    public void Quoted_identifiers_are_case_sensitive()
    {
        Assert.Equal(SqlTestData.Rows * 1.0, data.Scalar("SELECT sum(\"Upper\") FROM cpu"));
        SqlException e = data.Error("SELECT Upper FROM cpu", SqlState.UndefinedColumn);
        Assert.Equal("column \"upper\" does not exist", e.Message);
        Assert.Equal(8, e.Position);
        Assert.Equal("relation \"CPU\" does not exist", data.Error("SELECT 1 FROM \"CPU\"", SqlState.UndefinedTable).Message);
    }

    [Fact]
    public void Select_without_from_and_select_distinct()
    {
        Assert.Equal(1, data.Scalar("SELECT 1"));
        (_, List<object?[]> rows) = data.Query("SELECT DISTINCT hostname FROM cpu ORDER BY hostname DESC");
        Assert.Equal(["host_4", "host_3", "host_2", "host_1", "host_0"], rows.Select(r => (string)r[0]!));
        Assert.Equal("for SELECT DISTINCT, ORDER BY expressions must appear in select list",
            data.Error("SELECT DISTINCT hostname FROM cpu ORDER BY count_i", SqlState.InvalidColumnReference).Message);
    }

    [Fact]
    public void Table_with_only_time()
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = data.Query("SELECT * FROM empty_t");
        Assert.Single(columns);
        Assert.Equal([SqlTestData.BaseTime], rows[0]);
    }

    [Fact]
    public void Cancellation_stops_enumeration()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => data.Query("SELECT * FROM cpu", cts.Token));
    }

    [Fact]
    public void Results_are_lazy_and_rerunnable()
    {
        QueryResult result = data.Engine.Execute(data.Engine.Parse("SELECT count_i FROM cpu")[0], data.Session, default);
        Assert.Equal("SELECT", result.CommandTag);
        Assert.True(result.AppendRowCount);
        int batches = 0;
        foreach (RecordBatch batch in result.Batches)
        {
            batches++;
            Assert.True(batch.RowCount <= RecordBatch.MaxRows);
        }

        Assert.Equal(3, batches);
    }
}
