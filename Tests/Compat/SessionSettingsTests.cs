using IOx.Pg.Compat;
using IOx.Pg.Compat.Settings;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Tests.Compat;

/// <summary>Settings rules, the session statement grammar and transaction bookkeeping, through the engine without a server.</summary>
public sealed class SessionSettingsTests
{
    /// <summary>The extension with a zone check that knows UTC and one IANA name.</summary>
    private static readonly CompatExtension s_compat = new(static zone => zone is "UTC" or "Europe/Berlin");

    /// <summary>Runs every statement of <paramref name="sql"/> and returns the last SHOW value (or null).</summary>
    private static string? Run(Session session, string sql)
    {
        var engine = new QueryEngine(new StorageBuffer());
        string? last = null;
        foreach (Statement statement in engine.Parse(sql))
        {
            QueryResult result = engine.Execute(statement, session, CancellationToken.None);
            foreach (IOx.Pg.Storage.Arrow.RecordBatch batch in result.Batches)
            {
                if (batch.RowCount > 0)
                {
                    IOx.Pg.Executor.Values.ScalarValue value = IOx.Pg.Executor.Kernels.ColumnFactory.GetScalar(batch.Column(0), 0);
                    last = value.IsNull ? null : value.ToString();
                }
            }
        }

        return last;
    }

    /// <summary>A session wired to the extension.</summary>
    private static Session NewSession() => new("db", "alice") { Extension = s_compat };

    [Theory]
    [InlineData("on", true)]
    [InlineData("TRUE", true)]
    [InlineData("ye", true)]
    [InlineData("1", true)]
    [InlineData("off", false)]
    [InlineData("of", false)]
    [InlineData("n", false)]
    [InlineData("0", false)]
    public void BooleansParseAsPostgreSqlDoes(string text, bool expected)
    {
        Assert.True(SettingValueParser.TryParseBoolean(text, out bool value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("o")]
    [InlineData("maybe")]
    [InlineData("")]
    public void AmbiguousOrUnknownBooleansAreRefused(string text) => Assert.False(SettingValueParser.TryParseBoolean(text, out _));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(5000, "5s")]
    [InlineData(1500, "1500ms")]
    [InlineData(61000, "61s")]
    [InlineData(5_400_000, "90min")]
    [InlineData(86_400_000, "1d")]
    public void MillisecondsShowInTheLargestExactUnit(long ms, string expected) => Assert.Equal(expected, SettingValueParser.FormatMilliseconds(ms));

    [Theory]
    [InlineData("ISO", "ISO, MDY", "ISO, MDY")]
    [InlineData("DMY", "ISO, MDY", "ISO, DMY")]
    [InlineData("euro, iso", "ISO, MDY", "ISO, DMY")]
    [InlineData("ISO", "ISO, DMY", "ISO, DMY")]
    public void DateStyleKeepsTheUnnamedPart(string value, string current, string expected) =>
        Assert.Equal(expected, DateStyleSetting.Normalize(value, current));

    [Fact]
    public void DateStyleOutputOtherThanIsoIsNotSupported() =>
        Assert.Equal(SqlState.FeatureNotSupported, Assert.Throws<SqlException>(() => DateStyleSetting.Normalize("German", "ISO, MDY")).SqlState);

    [Fact]
    public void ParserBuildsSessionStatements()
    {
        IReadOnlyList<Statement> statements = Parser.ParseStatements(
            "SET LOCAL search_path TO a, 'b'; SET TIME ZONE LOCAL; RESET ALL; SHOW TRANSACTION ISOLATION LEVEL; START TRANSACTION READ ONLY, ISOLATION LEVEL READ COMMITTED; ROLLBACK TO SAVEPOINT s; PREPARE p AS SELECT 1; EXECUTE p; DEALLOCATE PREPARE ALL; DISCARD TEMPORARY");
        SetStatement set = Assert.IsType<SetStatement>(statements[0]);
        Assert.True(set.IsLocal);
        Assert.Equal("search_path", set.Name);
        Assert.Equal([new SettingArgument(SettingArgumentKind.Word, "a"), new SettingArgument(SettingArgumentKind.String, "b")], set.Values);
        Assert.Null(Assert.IsType<SetStatement>(statements[1]).Values);
        Assert.Null(Assert.IsType<ResetStatement>(statements[2]).Name);
        Assert.Equal("transaction_isolation", Assert.IsType<ShowStatement>(statements[3]).Name);
        TransactionStatement begin = Assert.IsType<TransactionStatement>(statements[4]);
        Assert.Equal(("START TRANSACTION", "read committed", (bool?)true), (begin.Tag, begin.IsolationLevel, begin.ReadOnly));
        Assert.Equal(TransactionKind.RollbackToSavepoint, Assert.IsType<TransactionStatement>(statements[5]).Kind);
        Assert.IsType<SelectStatement>(Assert.IsType<PrepareStatement>(statements[6]).Body);
        Assert.Equal("p", Assert.IsType<ExecuteStatement>(statements[7]).Name);
        Assert.Null(Assert.IsType<DeallocateStatement>(statements[8]).Name);
        Assert.Equal("temp", Assert.IsType<DiscardStatement>(statements[9]).Target);
    }

    [Fact]
    public void SetInABlockIsUndoneByRollbackAndLocalEndsWithCommit()
    {
        Session session = NewSession();
        Run(session, "BEGIN; SET TimeZone = 'Europe/Berlin'; ROLLBACK");
        Assert.Equal("UTC", Run(session, "SHOW TimeZone"));
        Run(session, "BEGIN; SET LOCAL TimeZone = 'Europe/Berlin'; SET extra_float_digits = 2; COMMIT");
        Assert.Equal("UTC", Run(session, "SHOW TimeZone"));
        Assert.Equal("2", Run(session, "SHOW extra_float_digits"));
        Assert.Equal(TransactionState.Idle, session.Transaction);
    }

    [Fact]
    public void FailedBlockRefusesStatementsUntilRollbackToSavepoint()
    {
        Session session = NewSession();
        Run(session, "BEGIN; SAVEPOINT a");
        session.MarkFailed();
        SqlException refused = Assert.Throws<SqlException>(() => Run(session, "SHOW TimeZone"));
        Assert.Equal(SqlState.InFailedSqlTransaction, refused.SqlState);
        Run(session, "ROLLBACK TO a");
        Assert.Equal(TransactionState.InBlock, session.Transaction);
        Assert.Equal("UTC", Run(session, "SHOW TimeZone"));
        Run(session, "COMMIT");
        Assert.Equal(TransactionState.Idle, session.Transaction);
    }

    [Fact]
    public void UnsupportedValuesAreNotSupportedRatherThanIgnored()
    {
        Session session = NewSession();
        Assert.Equal(SqlState.FeatureNotSupported, Assert.Throws<SqlException>(() => Run(session, "SET IntervalStyle = iso_8601")).SqlState);
        Assert.Equal(SqlState.FeatureNotSupported, Assert.Throws<SqlException>(() => Run(session, "SET client_encoding = 'LATIN1'")).SqlState);
        Assert.Equal(SqlState.FeatureNotSupported, Assert.Throws<SqlException>(() => Run(session, "BEGIN ISOLATION LEVEL SERIALIZABLE")).SqlState);
        Assert.Equal(TransactionState.Idle, session.Transaction);
        Assert.Equal(SqlState.FeatureNotSupported, Assert.Throws<SqlException>(() => Run(session, "SET standard_conforming_strings = off")).SqlState);
    }

    [Fact]
    public void SessionFunctionsAnswerFromTheSession()
    {
        Session session = NewSession();
        Assert.Equal("alice", Run(session, "SELECT current_user"));
        Assert.Equal("db", Run(session, "SELECT current_database()"));
        Assert.Equal("public", Run(session, "SELECT current_schema()"));
        Assert.Equal("pg_catalog,public", Run(session, "SELECT array_to_string(current_schemas(true), ',')"));
        Assert.Equal("public", Run(session, "SELECT array_to_string(current_schemas(false), ',')"));
        Run(session, "SET search_path = nothere");
        Assert.Null(Run(session, "SELECT current_schema"));
        Assert.Equal("Europe/Berlin", Run(session, "SELECT set_config('TimeZone', 'Europe/Berlin', false)"));
        Assert.Equal("Europe/Berlin", Run(session, "SHOW TimeZone"));
        Assert.Equal("pg_catalog", Run(session, "SELECT array_to_string(current_schemas(true), ',')"));
        Assert.Equal("", Run(session, "SELECT array_to_string(current_schemas(false), ',')"));
    }
}
