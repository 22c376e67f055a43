using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>Literals, casts, arithmetic, text and date/time expressions without a table.</summary>
public sealed class ExpressionTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void Literal_types_and_output_names()
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = data.Query("SELECT 1, 2147483648, 99999999999999999999, 1.50, 'a', true, null, 1 AS one, 2 two");
        Assert.Equal(
            [
                new ResultColumn("?column?", DataType.Int32), new ResultColumn("?column?", DataType.Int64),
                new ResultColumn("?column?", DataType.Numeric), new ResultColumn("?column?", DataType.Numeric),
                new ResultColumn("?column?", DataType.Utf8), new ResultColumn("?column?", DataType.Boolean),
                new ResultColumn("?column?", DataType.Utf8), new ResultColumn("one", DataType.Int32), new ResultColumn("two", DataType.Int32),
            ],
            columns);
        Assert.Equal([1, 2147483648L, 99999999999999999999m, 1.50m, "a", true, null, 1, 2], rows[0]);
        Assert.Equal("1.50", ((decimal)rows[0][3]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Negative_int4_minimum_is_an_integer()
    {
        (ResultColumn column, object? value) = data.Typed("SELECT -2147483648");
        Assert.Equal(DataType.Int32, column.Type);
        Assert.Equal(int.MinValue, value);
    }

    [Theory]
    [InlineData("SELECT '12'::int", "int4", DataType.Int32, 12)]
    [InlineData("SELECT CAST('12' AS bigint)", "int8", DataType.Int64, 12L)]
    [InlineData("SELECT 2.5::integer", "int4", DataType.Int32, 3)]
    [InlineData("SELECT 3.5::float8::int", "int4", DataType.Int32, 4)]
    [InlineData("SELECT 2.5::float8::int", "int4", DataType.Int32, 2)]
    [InlineData("SELECT 7::double precision", "float8", DataType.Float64, 7.0)]
    [InlineData("SELECT 1::text", "text", DataType.Utf8, "1")]
    [InlineData("SELECT 'yes'::boolean", "bool", DataType.Boolean, true)]
    [InlineData("SELECT 5::smallint", "int2", DataType.Int16, (short)5)]
    [InlineData("SELECT 1.5::real", "float4", DataType.Float32, 1.5f)]
    [InlineData("SELECT 1.25e1::varchar", "varchar", DataType.Utf8, "12.5")]
    [InlineData("SELECT interval '90 minutes'::text", "text", DataType.Utf8, "01:30:00")]
    [InlineData("SELECT timestamptz '2016-01-01 10:00:00.5+02'::text", "text", DataType.Utf8, "2016-01-01 08:00:00.5+00")]
    [InlineData("SELECT 1e20::float8::text", "text", DataType.Utf8, "1e+20")]
    public void Casts(string sql, string name, DataType type, object expected)
    {
        (ResultColumn column, object? value) = data.Typed(sql);
        Assert.Equal(name, column.Name);
        Assert.Equal(type, column.Type);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("SELECT timestamptz '2016-01-01 00:00:00+00'", "timestamptz", "2016-01-01T00:00:00Z")]
    [InlineData("SELECT TIMESTAMPTZ '2016-01-01T00:00:00Z'", "timestamptz", "2016-01-01T00:00:00Z")]
    [InlineData("SELECT timestamp with time zone '2016-01-01 02:30:00+02:30'", "timestamptz", "2016-01-01T00:00:00Z")]
    [InlineData("SELECT '2016-01-01 05:00:00-05'::timestamptz", "timestamptz", "2016-01-01 10:00:00Z")]
    [InlineData("SELECT timestamptz '2016-01-01'", "timestamptz", "2016-01-01 00:00:00Z")]
    [InlineData("SELECT timestamptz '2016-01-01 00:00:00.123456Z'", "timestamptz", "2016-01-01 00:00:00.123456Z")]
    public void Timestamptz_literals(string sql, string name, string expected)
    {
        (ResultColumn column, object? value) = data.Typed(sql);
        Assert.Equal(name, column.Name);
        Assert.Equal(DataType.Timestamp, column.Type);
        Assert.Equal(SqlTestData.Ts(expected), value);
    }

    [Fact]
    public void Timestamp_without_zone_literal()
    {
        (ResultColumn column, object? value) = data.Typed("SELECT timestamp '2016-01-01 12:00:00'");
        Assert.Equal("timestamp", column.Name);
        Assert.Equal(DataType.TimestampNoTz, column.Type);
        Assert.Equal(SqlTestData.Ts("2016-01-01 12:00:00Z"), value);
    }

    [Theory]
    [InlineData("SELECT interval '1 hour'", 0, 0, 3_600_000_000_000L)]
    [InlineData("SELECT INTERVAL '5 minutes'", 0, 0, 300_000_000_000L)]
    [InlineData("SELECT interval '1 day 02:03:04'", 0, 1, 7_384_000_000_000L)]
    [InlineData("SELECT interval '1 year 2 mons 3 days'", 14, 3, 0L)]
    [InlineData("SELECT interval '1.5 hours'", 0, 0, 5_400_000_000_000L)]
    [InlineData("SELECT interval '2 h 30 min 10 s'", 0, 0, 9_010_000_000_000L)]
    [InlineData("SELECT interval '1 week ago'", 0, -7, 0L)]
    [InlineData("SELECT interval '1.5 days'", 0, 1, 43_200_000_000_000L)]
    public void Interval_literals(string sql, int months, int days, long ns)
    {
        (ResultColumn column, object? value) = data.Typed(sql);
        Assert.Equal("interval", column.Name);
        Assert.Equal(new Interval(months, days, ns), value);
    }

    [Theory]
    [InlineData("SELECT 7 / 2", 3)]
    [InlineData("SELECT -7 / 2", -3)]
    [InlineData("SELECT 7 % 3", 1)]
    [InlineData("SELECT -7 % 3", -1)]
    [InlineData("SELECT 2147483647 - 1", 2147483646)]
    public void Integer_arithmetic_truncates(string sql, int expected) => Assert.Equal(expected, data.Scalar(sql));

    [Theory]
    [InlineData("SELECT 7.0 / 2", "3.5000000000000000")]
    [InlineData("SELECT 1 / 3.0", "0.33333333333333333333")]
    [InlineData("SELECT 1.5 * 2", "3.0")]
    [InlineData("SELECT 1.25 + 1", "2.25")]
    [InlineData("SELECT 10.5 % 3", "1.5")]
    public void Numeric_arithmetic_keeps_postgres_scale(string sql, string expected) =>
        Assert.Equal(expected, ((decimal)data.Scalar(sql)!).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Mixed_types_promote()
    {
        Assert.Equal((DataType.Int64, (object)3L), Pair(data.Typed("SELECT 1 + 2::bigint")));
        Assert.Equal((DataType.Float64, (object)3.5), Pair(data.Typed("SELECT 1 + 2.5::float8")));
        Assert.Equal((DataType.Numeric, (object)3.5m), Pair(data.Typed("SELECT 1 + 2.5")));
        Assert.Equal((DataType.Int32, (object)5), Pair(data.Typed("SELECT 2::smallint + 3")));
    }

    /// <summary>Type and value of a typed result.</summary>
    private static (DataType, object) Pair((ResultColumn Column, object? Value) r) => (r.Column.Type, r.Value!);

    [Theory]
    [InlineData("SELECT 2147483647 + 1", "integer out of range")]
    [InlineData("SELECT 9223372036854775807 + 1", "bigint out of range")]
    [InlineData("SELECT (-2147483648) * -1", "integer out of range")]
    [InlineData("SELECT 32767::smallint + 1::smallint", "smallint out of range")]
    [InlineData("SELECT 3000000000::int", "integer out of range")]
    [InlineData("SELECT '1e308'::float8 * 10", "value out of range: overflow")]
    public void Overflow_is_22003(string sql, string message) =>
        Assert.Equal(message, data.Error(sql, SqlState.NumericValueOutOfRange).Message);

    [Theory]
    [InlineData("SELECT 1 / 0")]
    [InlineData("SELECT 1 % 0")]
    [InlineData("SELECT 1.0 / 0")]
    [InlineData("SELECT 1::float8 / 0")]
    public void Division_by_zero_is_22012(string sql) =>
        Assert.Equal("division by zero", data.Error(sql, SqlState.DivisionByZero).Message);

    [Fact]
    public void Text_concatenation_and_functions()
    {
        Assert.Equal("ab", data.Scalar("SELECT 'a' || 'b'"));
        Assert.Equal("1a", data.Scalar("SELECT 1 || 'a'"));
        Assert.Null(data.Scalar("SELECT 'a' || null"));
        Assert.Equal("ABC", data.Scalar("SELECT upper('abC')"));
        Assert.Equal("abc", data.Scalar("SELECT lower('AbC')"));
        Assert.Equal(3, data.Scalar("SELECT length('héé')"));
        Assert.Equal(5, data.Scalar("SELECT abs(-5)"));
        Assert.Equal(2.5m, data.Scalar("SELECT abs(-2.5)"));
        Assert.Equal("length", data.Typed("SELECT length('x')").Column.Name);
    }

    [Fact]
    public void Three_valued_logic()
    {
        (_, List<object?[]> rows) = data.Query("SELECT null::boolean AND false, null::boolean AND true, null::boolean OR true, null::boolean OR false, NOT null::boolean, null = 1, 1 IN (1, null), 2 IN (1, null), 2 NOT IN (1, null), null IS NOT NULL");
        Assert.Equal([false, null, true, null, null, null, true, null, null, false], rows[0]);
        (_, rows) = data.Query("SELECT 'a' = NULL, NULL = NULL, NULL || NULL, NULL = 'a'");
        Assert.Equal([null, null, null, null], rows[0]);
    }

    [Theory]
    [InlineData("SELECT 'host_1' LIKE 'host%'", true)]
    [InlineData("SELECT 'host_1' LIKE 'host_'", false)]
    [InlineData("SELECT 'host_1' LIKE 'host__'", true)]
    [InlineData("SELECT 'hostX1' LIKE 'host\\_1'", false)]
    [InlineData("SELECT 'host_1' LIKE 'host\\_1'", true)]
    [InlineData("SELECT 'héllo' LIKE 'h_llo'", true)]
    [InlineData("SELECT 'abc' NOT LIKE '%b%'", false)]
    [InlineData("SELECT 'a%c' LIKE 'a!%c' ESCAPE '!'", true)]
    [InlineData("SELECT 'ABC' ILIKE 'a%'", true)]
    [InlineData("SELECT 'aXbXc' LIKE '%X%X%'", true)]
    [InlineData("SELECT '' LIKE '%'", true)]
    public void Like_patterns(string sql, bool expected) => Assert.Equal(expected, data.Scalar(sql));

    [Fact]
    public void Now_and_current_timestamp_are_the_statement_start()
    {
        (ResultColumn column, object? value) = data.Typed("SELECT now()");
        Assert.Equal("now", column.Name);
        Assert.Equal(data.Session.StatementStartNanoseconds, value);
        (column, value) = data.Typed("SELECT current_timestamp");
        Assert.Equal("current_timestamp", column.Name);
        Assert.Equal(data.Session.StatementStartNanoseconds, value);
    }

    [Fact]
    public void Timestamp_interval_arithmetic()
    {
        Assert.Equal(SqlTestData.Ts("2016-01-02 02:00:00Z"), data.Scalar("SELECT timestamptz '2016-01-01T00:00:00Z' + interval '1 day 2 hours'"));
        Assert.Equal(SqlTestData.Ts("2015-12-31 23:00:00Z"), data.Scalar("SELECT timestamptz '2016-01-01T00:00:00Z' - interval '1 hour'"));
        Assert.Equal(SqlTestData.Ts("2016-02-29 00:00:00Z"), data.Scalar("SELECT timestamptz '2016-01-31T00:00:00Z' + interval '1 month'"));
        Assert.Equal(SqlTestData.Ts("2016-01-01 00:30:00Z"), data.Scalar("SELECT interval '30 minutes' + timestamptz '2016-01-01T00:00:00Z'"));
        Assert.Equal(new Interval(0, 1, 2 * 3_600_000_000_000L), data.Scalar("SELECT timestamptz '2016-01-02 02:00:00Z' - timestamptz '2016-01-01 00:00:00Z'"));
        Assert.Equal(SqlTestData.Ts("2016-01-01 00:00:00Z"), data.Scalar("SELECT now() - interval '1 hour'"));
    }

    [Theory]
    [InlineData("SELECT date_bin(interval '15 minutes', timestamptz '2020-02-11 15:44:17', timestamptz '2001-01-01')", "2020-02-11 15:30:00Z")]
    [InlineData("SELECT date_bin(interval '15 minutes', timestamptz '2020-02-11 15:44:17', timestamptz '2001-01-01 00:02:30')", "2020-02-11 15:32:30Z")]
    [InlineData("SELECT date_bin('15 minutes', '2020-02-11 15:44:17', '2001-01-01')", "2020-02-11 15:30:00Z")]
    [InlineData("SELECT date_bin(interval '1 hour', timestamptz '1999-12-31 23:30:00+00')", "1999-12-31 23:00:00Z")]
    [InlineData("SELECT date_bin(interval '1 hour', timestamptz '1999-12-31 23:30:00+00', timestamptz '2000-01-01 00:00:00+00')", "1999-12-31 23:00:00Z")]
    [InlineData("SELECT date_bin(interval '1 day', timestamptz '2016-01-01 13:00:00+00', timestamptz '1970-01-01')", "2016-01-01 00:00:00Z")]
    public void Date_bin(string sql, string expected)
    {
        (ResultColumn column, object? value) = data.Typed(sql);
        Assert.Equal("date_bin", column.Name);
        Assert.Equal(DataType.Timestamp, column.Type);
        Assert.Equal(SqlTestData.Ts(expected), value);
    }

    [Fact]
    public void Date_bin_errors()
    {
        Assert.Equal("timestamps cannot be binned into intervals containing months or years",
            data.Error("SELECT date_bin(interval '1 month', now(), now())", SqlState.FeatureNotSupported).Message);
        Assert.Equal("stride must be greater than zero",
            data.Error("SELECT date_bin(interval '0 seconds', now(), now())", SqlState.InvalidParameterValue).Message);
        Assert.Null(data.Scalar("SELECT date_bin(interval '1 hour', null::timestamptz, now())"));
    }

    [Fact]
    public void Bad_input_is_an_error_with_position()
    {
        SqlException e = data.Error("SELECT 'abc'::int", SqlState.InvalidTextRepresentation);
        Assert.Equal("invalid input syntax for type integer: \"abc\"", e.Message);
        Assert.Equal(8, e.Position);
        Assert.Equal("invalid input syntax for type timestamp with time zone: \"yesterday-ish\"",
            data.Error("SELECT timestamptz 'yesterday-ish'", SqlState.InvalidDatetimeFormat).Message);
        Assert.Equal("invalid input syntax for type interval: \"5 parsecs\"", data.Error("SELECT interval '5 parsecs'", SqlState.InvalidDatetimeFormat).Message);
    }
}
