using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Tests.Sql;

/// <summary>Parsing DROP / ALTER DATABASE / CREATE DATABASE WITH, and retention applied at planning time.</summary>
public sealed class LifecycleStatementTests
{
    /// <summary>Nanoseconds per hour.</summary>
    private const long Hour = 3_600_000_000_000L;

    /// <summary>The statement start of every query here.</summary>
    private const long Now = 1_704_067_200_000_000_000L + (48 * Hour);

    [Fact]
    public void DropStatementsParse()
    {
        var drop = Parse<DropStatement>("DROP TABLE IF EXISTS cpu, public.\"Mem\", other.x CASCADE");
        Assert.False(drop.Database);
        Assert.True(drop.IfExists);
        Assert.Equal(["cpu", "Mem", "x"], drop.Names);
        Assert.Equal([null, "public", "other"], drop.Schemas);
        Assert.Equal([21, 26, 40], drop.NameOffsets);
        Assert.Equal("DROP TABLE", drop.CommandTag);

        var database = Parse<DropStatement>("DROP DATABASE metrics WITH (FORCE)");
        Assert.True(database.Database);
        Assert.False(database.IfExists);
        Assert.Equal(["metrics"], database.Names);
        Assert.Equal("0A000", Assert.Throws<SqlException>(() => Parse<DropStatement>("DROP DATABASE m (NOPE)")).SqlState);
        Assert.Equal("42601", Assert.Throws<SqlException>(() => Parse<DropStatement>("DROP TABLE")).SqlState);
    }

    [Theory]
    [InlineData("ALTER DATABASE db SET retention = '30 days'", 720.0)]
    [InlineData("ALTER DATABASE db SET retention TO '1h30m'", 1.5)]
    [InlineData("ALTER DATABASE db SET retention_period = '2w'", 336.0)]
    [InlineData("ALTER DATABASE db SET retention = '7 days 12:00:00'", 180.0)]
    [InlineData("ALTER DATABASE db SET retention = DEFAULT", null)]
    [InlineData("ALTER DATABASE db RESET retention", null)]
    public void AlterDatabaseRetentionParses(string sql, double? hours)
    {
        var alter = Parse<AlterDatabaseStatement>(sql);
        Assert.Equal("db", alter.Name);
        Assert.Equal(hours is { } h ? TimeSpan.FromHours(h) : null, alter.Retention);
    }

    [Theory]
    [InlineData("ALTER DATABASE db SET retention = '1 month'", "22023")]
    [InlineData("ALTER DATABASE db SET retention = '-1 day'", "22023")]
    [InlineData("ALTER DATABASE db SET retention = 'soon'", "22023")]
    [InlineData("ALTER DATABASE db SET retention = 5", "42601")]
    [InlineData("ALTER DATABASE db RENAME TO x", "0A000")]
    [InlineData("ALTER DATABASE db SET work_mem = 5", "0A000")]
    [InlineData("CREATE DATABASE db WITH (owner = 'x')", "0A000")]
    [InlineData("CREATE DATABASE db WITH (retention = '0s')", "22023")]
    public void BadLifecycleStatementsAreErrors(string sql, string sqlState) =>
        Assert.Equal(sqlState, Assert.Throws<SqlException>(() => new QueryEngine(new WriteBuffer()).Parse(sql)).SqlState);

    [Fact]
    public void CreateDatabaseWithRetentionParses()
    {
        Assert.Equal(TimeSpan.FromDays(30), Parse<CreateDatabaseStatement>("CREATE DATABASE db WITH (retention = '30 days')").Retention);
        Assert.Null(Parse<CreateDatabaseStatement>("CREATE DATABASE db").Retention);
    }

    [Fact]
    public void WithoutAServerLifecycleStatementsAreNotSupported()
    {
        var engine = new QueryEngine(new WriteBuffer());
        var session = new Session("db", "test");
        foreach (string sql in new[] { "DROP TABLE cpu", "DROP DATABASE x", "ALTER DATABASE db RESET retention", "CREATE DATABASE x WITH (retention = '1d')" })
        {
            Assert.Equal("0A000", Assert.Throws<SqlException>(() => engine.Execute(engine.Parse(sql)[0], session, CancellationToken.None)).SqlState);
        }
    }

    [Fact]
    public void RetentionBoundsTheScanAndFiltersTheRowsOfStraddlingBatches()
    {
        var storage = new WriteBuffer();
        DatabaseBuffer db = storage.GetOrCreateDatabase("db");
        TableBuffer cpu = db.GetOrCreateTable("cpu");
        using (TableWriter writer = cpu.BeginWrite())
        {
            // One batch from 47 hours before Now to now, one row per hour.
            for (int h = 47; h >= 0; h--)
            {
                writer.BeginRow();
                writer.AppendDouble("v"u8, h);
                writer.EndRow(Now - (h * Hour));
            }
        }

        var engine = new QueryEngine(storage);
        var session = new Session("db", "test") { StatementStartNanoseconds = Now };
        Assert.Equal(48L, Scalar(engine, session, "SELECT count(*) FROM cpu"));
        Assert.DoesNotContain("time >=", PlanText(engine, session, "SELECT count(*) FROM cpu"), StringComparison.Ordinal);

        db.RetentionPeriod = TimeSpan.FromHours(10);
        Assert.Equal(11L, Scalar(engine, session, "SELECT count(*) FROM cpu"));
        Assert.Equal(10.0, Scalar(engine, session, "SELECT max(v) FROM cpu"));
        Assert.Equal(3L, Scalar(engine, session, "SELECT count(*) FROM cpu c JOIN cpu d ON c.time = d.time WHERE c.v < 3"));
        string plan = PlanText(engine, session, "SELECT v FROM cpu");
        Assert.Equal(
            "Project: v#1 AS v\n  Filter: (time#0 >= timestamptz '2024-01-02 14:00:00+00')\n    Scan: cpu projection=[time, v] time=[2024-01-02 14:00:00+00, +inf]\n",
            plan.Replace("\r", "", StringComparison.Ordinal));

        // WHERE and retention are one filter over the scan, so the query's own time bound narrows the scan too.
        Assert.Equal(
            "Project: v#1 AS v\n  Filter: ((v#1 > 1) AND (time#0 >= timestamptz '2024-01-02 14:00:00+00'))\n    Scan: cpu projection=[time, v] time=[2024-01-02 14:00:00+00, +inf]\n",
            PlanText(engine, session, "SELECT v FROM cpu WHERE v > 1").Replace("\r", "", StringComparison.Ordinal));
        Assert.Contains(
            "time=[2024-01-02 23:00:00+00 +1ns, +inf]",
            PlanText(engine, session, "SELECT v FROM cpu WHERE time > now() - interval '1 hour'"),
            StringComparison.Ordinal);
        Assert.Contains(
            "time=[2024-01-02 23:00:00+00 +1ns, +inf]",
            PlanText(engine, session, "SELECT c.v FROM cpu c JOIN cpu d ON c.time = d.time WHERE c.time > now() - interval '1 hour'"),
            StringComparison.Ordinal);
        Assert.Equal(2L, Scalar(engine, session, "SELECT count(*) FROM cpu c JOIN cpu d ON c.time = d.time WHERE c.time > now() - interval '90 minutes' AND d.v < 5"));

        db.RetentionPeriod = null;
        Assert.Equal(48L, Scalar(engine, session, "SELECT count(*) FROM cpu"));
    }

    /// <summary>The single statement of <paramref name="sql"/>, of type <typeparamref name="T"/>.</summary>
    private static T Parse<T>(string sql)
        where T : Statement => Assert.IsType<T>(Assert.Single(new QueryEngine(new WriteBuffer()).Parse(sql)));

    /// <summary>The single value of a one-row, one-column query.</summary>
    private static object? Scalar(QueryEngine engine, Session session, string sql)
    {
        QueryResult result = engine.Execute(engine.Parse(sql)[0], session, CancellationToken.None);
        var values = new List<object?>();
        foreach (RecordBatch batch in result.Batches)
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                values.Add(ColumnFactory.GetScalar(batch.Column(0), r).Value);
            }
        }

        return Assert.Single(values);
    }

    /// <summary>The optimized plan, printed.</summary>
    private static string PlanText(QueryEngine engine, Session session, string sql)
    {
        engine.Plan((SelectStatement)engine.Parse(sql)[0], session, out LogicalPlan plan);
        return plan.ToString();
    }
}
