using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Tests.Sql;

/// <summary>The parsed-statement cache: shared trees for repeated texts, and binding still per execution (schema, now()).</summary>
public sealed class StatementCacheTests
{
    /// <summary>2016-01-01T00:00:00Z in ns.</summary>
    private const long BaseTime = 1_451_606_400_000_000_000L;

    [Fact]
    public void Repeated_text_gives_the_same_parsed_statements()
    {
        var cache = new StatementCache();
        IReadOnlyList<Statement> first = cache.Parse("SELECT 1");
        IReadOnlyList<Statement> second = cache.Parse("SELECT 1");
        Assert.Same(first, second);
        Assert.Equal(1, cache.Count);

        // Exact text: a different spelling is a different entry with its own tree.
        Assert.NotSame(first, cache.Parse("select 1"));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Syntax_errors_are_not_cached_and_raise_each_time()
    {
        var cache = new StatementCache();
        for (int i = 0; i < 2; i++)
        {
            SqlException e = Assert.Throws<SqlException>(() => cache.Parse("SELEC 1"));
            Assert.Equal(SqlState.SyntaxError, e.SqlState);
            Assert.Equal(1, e.Position);
        }

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Cache_is_bounded_and_long_texts_bypass_it()
    {
        var cache = new StatementCache();
        for (int i = 0; i < StatementCache.MaxEntries + 10; i++)
        {
            Assert.Single(cache.Parse($"SELECT {i}"));
        }

        Assert.True(cache.Count <= StatementCache.MaxEntries);

        string longText = "SELECT 1" + new string(' ', StatementCache.MaxTextLength);
        int before = cache.Count;
        Assert.NotSame(cache.Parse(longText), cache.Parse(longText));
        Assert.Equal(before, cache.Count);
    }

    [Fact]
    public void Cached_statement_binds_against_the_current_schema()
    {
        var storage = new WriteBuffer();
        DatabaseBuffer db = storage.GetOrCreateDatabase("db");
        var engine = new QueryEngine(storage);
        var session = new Session("db", "test") { StatementStartNanoseconds = BaseTime };
        const string Sql = "SELECT * FROM m";

        // No table yet: 42P01, and the parsed text stays cached for later.
        Assert.Equal(SqlState.UndefinedTable, Assert.Throws<SqlException>(() => Run(engine, session, Sql)).SqlState);
        Assert.Equal(1, engine.StatementCache.Count);

        WriteRow(db, "m", BaseTime, withExtra: false);
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = Run(engine, session, Sql);
        Assert.Equal(["time", "v"], Names(columns));
        Assert.Single(rows);

        // A column added later shows up in * through the same cached tree.
        WriteRow(db, "m", BaseTime + 1, withExtra: true);
        (columns, rows) = Run(engine, session, Sql);
        Assert.Equal(["time", "v", "extra"], Names(columns));
        Assert.Equal(2, rows.Count);

        // Dropped: 42P01 again.
        Assert.True(db.TryRemoveTable("m"));
        Assert.Equal(SqlState.UndefinedTable, Assert.Throws<SqlException>(() => Run(engine, session, Sql)).SqlState);
    }

    [Fact]
    public void Cached_statement_sees_each_executions_now()
    {
        var engine = new QueryEngine(new WriteBuffer());
        var session = new Session("db", "test") { StatementStartNanoseconds = BaseTime };
        const string Sql = "SELECT CAST(extract(epoch FROM now()) AS bigint)";
        Assert.Equal(1_451_606_400L, Single(engine, session, Sql));
        session.StatementStartNanoseconds = BaseTime + 5_000_000_000L;
        Assert.Equal(1_451_606_405L, Single(engine, session, Sql));
    }

    [Fact]
    public async Task Concurrent_sessions_share_a_cached_tree()
    {
        var storage = new WriteBuffer();
        DatabaseBuffer db = storage.GetOrCreateDatabase("db");
        for (int i = 0; i < 100; i++)
        {
            WriteRow(db, "m", BaseTime + i, withExtra: false);
        }

        var engine = new QueryEngine(storage);
        const string Sql = "SELECT count(*), sum(v) FROM m WHERE v >= 0";
        var tasks = new Task<object?[]>[8];
        for (int t = 0; t < tasks.Length; t++)
        {
            tasks[t] = Task.Run(() =>
            {
                var session = new Session("db", "test") { StatementStartNanoseconds = BaseTime };
                object?[] last = [];
                for (int i = 0; i < 200; i++)
                {
                    last = Run(engine, session, Sql).Rows[0];
                }

                return last;
            });
        }

        foreach (object?[] row in await Task.WhenAll(tasks))
        {
            Assert.Equal([100L, 150.0], row);
        }
    }

    [Fact]
    public async Task One_cached_parameterized_statement_runs_concurrently_with_different_values()
    {
        var storage = new WriteBuffer();
        DatabaseBuffer db = storage.GetOrCreateDatabase("db");
        for (int i = 0; i < 50; i++)
        {
            WriteRow(db, "m", BaseTime + i, withExtra: false);
        }

        var engine = new QueryEngine(storage);
        Statement statement = Assert.Single(engine.Parse("SELECT count(*) FROM m WHERE time < $1"));
        var tasks = new Task<bool>[8];
        for (int t = 0; t < tasks.Length; t++)
        {
            int limit = (t * 5) + 1;
            tasks[t] = Task.Run(() =>
            {
                var session = new Session("db", "test") { StatementStartNanoseconds = BaseTime };
                for (int i = 0; i < 100; i++)
                {
                    QueryResult result = engine.Execute(statement, session, CancellationToken.None, [new ScalarValue(DataType.Timestamp, BaseTime + limit)]);
                    long count = 0;
                    foreach (RecordBatch batch in result.Batches)
                    {
                        count = (long)ColumnFactory.GetScalar(batch.Column(0), 0).Value!;
                    }

                    if (count != limit)
                    {
                        return false;
                    }
                }

                return true;
            });
        }

        Assert.All(await Task.WhenAll(tasks), Assert.True);
        Assert.Same(statement, Assert.Single(engine.Parse("SELECT count(*) FROM m WHERE time < $1")));
    }

    /// <summary>Appends one row to <paramref name="table"/>: v = 1.5, and a column "extra" when asked.</summary>
    private static void WriteRow(DatabaseBuffer db, string table, long time, bool withExtra)
    {
        using TableWriter writer = db.GetOrCreateTable(table).BeginWrite();
        writer.BeginRow();
        writer.AppendDouble("v"u8, 1.5);
        if (withExtra)
        {
            writer.AppendDouble("extra"u8, 2.0);
        }

        writer.EndRow(time);
    }

    /// <summary>The column names.</summary>
    private static List<string> Names(IReadOnlyList<ResultColumn> columns)
    {
        var names = new List<string>();
        foreach (ResultColumn column in columns)
        {
            names.Add(column.Name);
        }

        return names;
    }

    /// <summary>The only value of a one-row, one-column query.</summary>
    private static object? Single(QueryEngine engine, Session session, string sql)
    {
        List<object?[]> rows = Run(engine, session, sql).Rows;
        return Assert.Single(Assert.Single(rows));
    }

    /// <summary>Parses (through the engine's cache) and runs <paramref name="sql"/>, collecting the rows.</summary>
    private static (IReadOnlyList<ResultColumn> Columns, List<object?[]> Rows) Run(QueryEngine engine, Session session, string sql)
    {
        QueryResult result = engine.Execute(Assert.Single(engine.Parse(sql)), session, CancellationToken.None);
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

        return (result.Columns, rows);
    }
}
