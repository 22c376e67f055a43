using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Tests.Sql;

/// <summary>
/// A write buffer filled through TableWriter with known rows, and helpers to run SQL on it.
/// Table cpu: <see cref="Rows"/> rows (three batches: 8192 + 8192 + rest), row i has
/// time = <see cref="BaseTime"/> + i seconds, hostname host_(i % 5), usage_user (i % 100) + 0.25,
/// count_i = i (bigint), u = i (unsigned), ok = (i even), msg = "m(i % 3)"; usage_system = i % 50
/// only from row <see cref="LateColumnRow"/> on (the column is added then, so earlier batches lack
/// it), and null again on every 7th row after that; tag region = "eu" only on rows where i % 4 == 0.
/// Column "Upper" (case-sensitive name) holds 1.0. Table empty_t has one row with time only.
/// </summary>
public sealed class SqlTestData
{
    /// <summary>Number of rows in cpu.</summary>
    public const int Rows = 20_000;

    /// <summary>Row index where usage_system first appears.</summary>
    public const int LateColumnRow = 10_000;

    /// <summary>2016-01-01T00:00:00Z in nanoseconds.</summary>
    public const long BaseTime = 1_451_606_400_000_000_000L;

    /// <summary>Nanoseconds per second.</summary>
    public const long Second = 1_000_000_000L;

    /// <summary>Creates and fills the buffer.</summary>
    public SqlTestData()
    {
        Storage = new WriteBuffer();
        DatabaseBuffer db = Storage.GetOrCreateDatabase("db");
        TableBuffer cpu = db.GetOrCreateTable("cpu");
        using (TableWriter writer = cpu.BeginWrite())
        {
            for (int i = 0; i < Rows; i++)
            {
                writer.BeginRow();
                writer.AppendTag("hostname"u8, System.Text.Encoding.UTF8.GetBytes($"host_{i % 5}"));
                if (i % 4 == 0)
                {
                    writer.AppendTag("region"u8, "eu"u8);
                }

                writer.AppendDouble("usage_user"u8, (i % 100) + 0.25);
                writer.AppendInt64("count_i"u8, i);
                writer.AppendUInt64("u"u8, (ulong)i);
                writer.AppendBoolean("ok"u8, i % 2 == 0);
                writer.AppendString("msg"u8, System.Text.Encoding.UTF8.GetBytes($"m{i % 3}"));
                writer.AppendDouble("Upper"u8, 1.0);
                if (i >= LateColumnRow && i % 7 != 0)
                {
                    writer.AppendDouble("usage_system"u8, i % 50);
                }

                writer.EndRow(BaseTime + (i * Second));
            }
        }

        TableBuffer empty = db.GetOrCreateTable("empty_t");
        using (TableWriter writer = empty.BeginWrite())
        {
            writer.BeginRow();
            writer.EndRow(BaseTime);
        }

        Engine = new QueryEngine(Storage);
        Session = new Session("db", "test") { StatementStartNanoseconds = BaseTime + (3600 * Second) };
    }

    /// <summary>The storage.</summary>
    public WriteBuffer Storage { get; }

    /// <summary>The engine.</summary>
    public QueryEngine Engine { get; }

    /// <summary>A session on database db with a fixed statement start (2016-01-01 01:00:00+00).</summary>
    public Session Session { get; }

    /// <summary>Runs one statement and returns its columns and rows (cells as CLR values, null for NULL).</summary>
    public (IReadOnlyList<ResultColumn> Columns, List<object?[]> Rows) Query(string sql, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Statement> statements = Engine.Parse(sql);
        Assert.Single(statements);
        QueryResult result = Engine.Execute(statements[0], Session, cancellationToken);
        var rows = new List<object?[]>();
        foreach (RecordBatch batch in result.Batches)
        {
            Assert.True(batch.RowCount <= RecordBatch.MaxRows);
            Assert.Equal(result.Columns.Count, batch.Schema.Count);
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

    /// <summary>The single value of a one-row, one-column query.</summary>
    public object? Scalar(string sql)
    {
        (_, List<object?[]> rows) = Query(sql);
        Assert.Single(rows);
        Assert.Single(rows[0]);
        return rows[0][0];
    }

    /// <summary>The single value and its column of a one-row, one-column query.</summary>
    public (ResultColumn Column, object? Value) Typed(string sql)
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = Query(sql);
        Assert.Single(rows);
        return (columns[0], rows[0][0]);
    }

    /// <summary>Asserts that running <paramref name="sql"/> (parse, bind or execute) raises <paramref name="sqlState"/>; returns the error.</summary>
    public SqlException Error(string sql, string sqlState)
    {
        SqlException e = Assert.Throws<SqlException>(() => Query(sql));
        Assert.Equal(sqlState, e.SqlState);
        return e;
    }

    /// <summary>The optimized plan of a SELECT, printed.</summary>
    public string Plan(string sql)
    {
        var select = (SelectStatement)Engine.Parse(sql)[0];
        Engine.Plan(select, Session, out LogicalPlan plan);
        return plan.ToString();
    }

    /// <summary>Nanoseconds of a timestamp text (UTC).</summary>
    public static long Ts(string text) => ValueText.ParseTimestamp(text, withZone: true);
}
