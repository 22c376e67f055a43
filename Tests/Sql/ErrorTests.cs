using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>One test per SQLSTATE the planner raises, with PostgreSQL's message and position.</summary>
public sealed class ErrorTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void Undefined_table_42P01()
    {
        SqlException e = data.Error("SELECT * FROM nope", SqlState.UndefinedTable);
        Assert.Equal("relation \"nope\" does not exist", e.Message);
        Assert.Equal(15, e.Position);
        Assert.Equal("relation \"other.cpu\" does not exist", data.Error("SELECT * FROM other.cpu", SqlState.UndefinedTable).Message);
        var session = new Planner.Engine.Session("no_such_db", "u");
        SqlException missingDb = Assert.Throws<SqlException>(() => data.Engine.Execute(data.Engine.Parse("SELECT 1 FROM cpu")[0], session, default));
        Assert.Equal(SqlState.UndefinedTable, missingDb.SqlState);
    }

    [Fact]
    public void Undefined_column_42703()
    {
        SqlException e = data.Error("SELECT hostname, nope FROM cpu", SqlState.UndefinedColumn);
        Assert.Equal("column \"nope\" does not exist", e.Message);
        Assert.Equal(18, e.Position);
        Assert.Equal("column cpu.nope does not exist", data.Error("SELECT cpu.nope FROM cpu", SqlState.UndefinedColumn).Message);
        Assert.Equal("column \"x\" does not exist", data.Error("SELECT x", SqlState.UndefinedColumn).Message);
    }

    [Fact]
    public void Undefined_function_42883()
    {
        SqlException e = data.Error("SELECT foo(1)", SqlState.UndefinedFunction);
        Assert.Equal("function foo(integer) does not exist", e.Message);
        Assert.Equal(8, e.Position);
        Assert.Equal("No function matches the given name and argument types. You might need to add explicit type casts.", e.Hint);
        Assert.Equal("function foo(text, unknown) does not exist", data.Error("SELECT foo(hostname, 'a') FROM cpu", SqlState.UndefinedFunction).Message);
        Assert.Equal("function date_bin(integer, timestamp with time zone) does not exist", data.Error("SELECT date_bin(1, now())", SqlState.UndefinedFunction).Message);
        Assert.Equal("function lower(integer) does not exist", data.Error("SELECT lower(1)", SqlState.UndefinedFunction).Message);
    }

    [Fact]
    public void Undefined_operator_42883()
    {
        SqlException e = data.Error("SELECT 1 FROM cpu WHERE hostname = 1", SqlState.UndefinedFunction);
        Assert.Equal("operator does not exist: text = integer", e.Message);
        Assert.Equal(34, e.Position);
        Assert.Equal("operator does not exist: text + integer", data.Error("SELECT hostname + 1 FROM cpu", SqlState.UndefinedFunction).Message);
        Assert.Equal("operator does not exist: double precision % integer", data.Error("SELECT usage_user % 2 FROM cpu", SqlState.UndefinedFunction).Message);
        Assert.Equal("operator does not exist: bigint ~~ unknown", data.Error("SELECT 1 FROM cpu WHERE count_i LIKE '1%'", SqlState.UndefinedFunction).Message);
    }

    [Fact]
    public void Datatype_mismatch_42804()
    {
        SqlException e = data.Error("SELECT 1 FROM cpu WHERE count_i", SqlState.DatatypeMismatch);
        Assert.Equal("argument of WHERE must be type boolean, not type bigint", e.Message);
        SqlException and = data.Error("SELECT true AND 1", SqlState.DatatypeMismatch);
        Assert.Equal("argument of AND must be type boolean, not type integer", and.Message);
        Assert.Equal(17, and.Position);
        Assert.Equal(25, e.Position);
        Assert.Equal("argument of NOT must be type boolean, not type text", data.Error("SELECT NOT hostname FROM cpu", SqlState.DatatypeMismatch).Message);
    }

    [Fact]
    public void Cannot_coerce_42846_and_unknown_type_42704()
    {
        Assert.Equal("cannot cast type boolean to timestamp with time zone", data.Error("SELECT true::timestamptz", SqlState.CannotCoerce).Message);
        Assert.Equal("type \"nosuchtype\" does not exist", data.Error("SELECT 1::nosuchtype", SqlState.UndefinedObject).Message);
    }

    [Fact]
    public void Not_supported_0A000()
    {
        Assert.Equal(SqlState.FeatureNotSupported, data.Error("SELECT * FROM pg_catalog.pg_class", SqlState.FeatureNotSupported).SqlState);
        Assert.Equal("type uuid is not supported", data.Error("SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", SqlState.FeatureNotSupported).Message);
        Assert.Equal("DISTINCT in sum() is not supported", data.Error("SELECT sum(DISTINCT count_i) FROM cpu", SqlState.FeatureNotSupported).Message);
    }

    [Fact]
    public void Select_star_without_from_is_42601()
    {
        Assert.Equal("SELECT * with no tables specified is not valid", data.Error("SELECT *", SqlState.SyntaxError).Message);
    }

    [Fact]
    public void Runtime_errors_surface_while_enumerating()
    {
        var statement = data.Engine.Parse("SELECT 1 / (count_i - 5) FROM cpu")[0];
        Planner.Engine.QueryResult result = data.Engine.Execute(statement, data.Session, default);
        SqlException e = Assert.Throws<SqlException>(() =>
        {
            foreach (IOx.Pg.Storage.Arrow.RecordBatch batch in result.Batches)
            {
                _ = batch.RowCount;
            }
        });
        Assert.Equal(SqlState.DivisionByZero, e.SqlState);
    }
}
