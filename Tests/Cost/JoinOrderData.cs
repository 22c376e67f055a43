using System.Globalization;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Planner.Binder;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Optimizer;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Tests.Cost;

/// <summary>
/// Tables of very different sizes for join ordering, written through TableWriter. Row i of each
/// table has time = 2016-01-01 + i seconds.
/// <list type="bullet">
/// <item>m: 20,000 rows, tag host = host_(i % 100), field v = i (bigint);</item>
/// <item>e: 20,000 rows, tag host = host_(i % 100), field w = i (bigint);</item>
/// <item>h: 100 rows, tag host = host_i, tag rack = r(i % 10), field cores = i % 7 (bigint);</item>
/// <item>r: 10 rows, tag rack = r_i, field dc = i % 3 (bigint).</item>
/// </list>
/// </summary>
public sealed class JoinOrderData
{
    /// <summary>2016-01-01T00:00:00Z in nanoseconds.</summary>
    private const long BaseTime = 1_451_606_400_000_000_000L;

    /// <summary>Nanoseconds per second.</summary>
    private const long Second = 1_000_000_000L;

    /// <summary>Creates and fills the buffer.</summary>
    public JoinOrderData()
    {
        Storage = new WriteBuffer();
        DatabaseBuffer db = Storage.GetOrCreateDatabase("db");
        Fill(db.GetOrCreateTable("m"), 20_000, static (w, i) =>
        {
            w.AppendTag("host"u8, System.Text.Encoding.UTF8.GetBytes($"host_{i % 100}"));
            w.AppendInt64("v"u8, i);
        });
        Fill(db.GetOrCreateTable("e"), 20_000, static (w, i) =>
        {
            w.AppendTag("host"u8, System.Text.Encoding.UTF8.GetBytes($"host_{i % 100}"));
            w.AppendInt64("w"u8, i);
        });
        Fill(db.GetOrCreateTable("h"), 100, static (w, i) =>
        {
            w.AppendTag("host"u8, System.Text.Encoding.UTF8.GetBytes($"host_{i}"));
            w.AppendTag("rack"u8, System.Text.Encoding.UTF8.GetBytes($"r{i % 10}"));
            w.AppendInt64("cores"u8, i % 7);
        });
        Fill(db.GetOrCreateTable("r"), 10, static (w, i) =>
        {
            w.AppendTag("rack"u8, System.Text.Encoding.UTF8.GetBytes($"r{i}"));
            w.AppendInt64("dc"u8, i % 3);
        });
        Engine = new QueryEngine(Storage);
        Session = new Session("db", "test") { StatementStartNanoseconds = BaseTime };
    }

    /// <summary>The storage.</summary>
    public WriteBuffer Storage { get; }

    /// <summary>The engine.</summary>
    public QueryEngine Engine { get; }

    /// <summary>A session on database db.</summary>
    public Session Session { get; }

    /// <summary>The bound, unoptimized plan of a SELECT.</summary>
    public LogicalPlan Bound(string sql)
    {
        var select = (SelectStatement)Engine.Parse(sql)[0];
        return new Binder(Storage, Session, Session.StatementStartNanoseconds).Bind(select).Plan;
    }

    /// <summary>The plan after the default rules, with the rules named in <paramref name="disabled"/> switched off.</summary>
    public LogicalPlan Optimized(string sql, params string[] disabled)
    {
        var optimizer = new LogicalOptimizer();
        foreach (string name in disabled)
        {
            optimizer.Disabled.Add(name);
        }

        return optimizer.Optimize(Bound(sql));
    }

    /// <summary>The QUERY PLAN lines of an EXPLAIN statement.</summary>
    public List<string> Explain(string sql)
    {
        QueryResult result = Engine.Execute(Engine.Parse(sql)[0], Session, CancellationToken.None);
        var lines = new List<string>();
        foreach (RecordBatch batch in result.Batches)
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                lines.Add((string)ColumnFactory.GetScalar(batch.Column(0), r).Value!);
            }
        }

        return lines;
    }

    /// <summary>Runs <paramref name="plan"/>; each row printed as text, cells separated by '|', NULL as "NULL".</summary>
    public static List<string> Run(LogicalPlan plan)
    {
        var rows = new List<string>();
        foreach (RecordBatch batch in PhysicalPlanner.Build(plan).Execute(CancellationToken.None))
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                var cells = new string[batch.Schema.Count];
                for (int c = 0; c < cells.Length; c++)
                {
                    cells[c] = Convert.ToString(ColumnFactory.GetScalar(batch.Column(c), r).Value, CultureInfo.InvariantCulture) ?? "NULL";
                }

                rows.Add(string.Join("|", cells));
            }
        }

        return rows;
    }

    /// <summary>Writes <paramref name="rows"/> rows into <paramref name="table"/>, fields and tags by <paramref name="row"/>.</summary>
    private static void Fill(TableBuffer table, int rows, Action<TableWriter, int> row)
    {
        using TableWriter writer = table.BeginWrite();
        for (int i = 0; i < rows; i++)
        {
            writer.BeginRow();
            row(writer, i);
            writer.EndRow(BaseTime + (i * Second));
        }
    }
}
