using System.Text;
using BenchmarkDotNet.Attributes;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Planner.Binder;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Optimizer;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Bench.Sql;

/// <summary>
/// Cost-based join ordering: 3- and 4-way joins written with the big pair first (m ⋈ e, 20,000
/// rows each over 100 hosts: 4,000,000 intermediate rows) and the selective relation last (h, 100
/// hosts filtered to one rack; r, 10 racks), planned with and without the <c>join_reorder</c>
/// rule, then run and drained. Bind, optimize, build and execute are all inside the measurement.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class JoinOrderBenchmarks
{
    /// <summary>2016-01-01T00:00:00Z in nanoseconds.</summary>
    private const long Start = 1_451_606_400_000_000_000L;

    /// <summary>The SQL text of each benchmark.</summary>
    private static readonly Dictionary<string, string> s_queries = new()
    {
        ["3-way"] = "SELECT count(*) FROM m JOIN e ON m.host = e.host JOIN h ON h.host = m.host WHERE h.rack = 'r1'",
        ["4-way"] = "SELECT count(*) FROM m JOIN e ON m.host = e.host JOIN h ON h.host = m.host JOIN r ON r.rack = h.rack WHERE r.dc = 1 AND h.cores = 2",
    };

    /// <summary>The generated tables.</summary>
    private WriteBuffer _storage = null!;

    /// <summary>The engine (for parsing).</summary>
    private QueryEngine _engine = null!;

    /// <summary>A session on the bench database.</summary>
    private Session _session = null!;

    /// <summary>The benchmark names.</summary>
    public static IEnumerable<string> QueryNames => s_queries.Keys;

    /// <summary>Which query runs.</summary>
    [ParamsSource(nameof(QueryNames))]
    public string Query { get; set; } = "3-way";

    /// <summary>Whether the join_reorder rule runs (false: the written order).</summary>
    [Params(false, true)]
    public bool Reorder { get; set; }

    /// <summary>Generates m, e (20,000 rows, 100 hosts), h (100 hosts, 10 racks) and r (10 racks).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _storage = new WriteBuffer();
        DatabaseBuffer db = _storage.GetOrCreateDatabase("bench");
        foreach (string name in new[] { "m", "e" })
        {
            using TableWriter writer = db.GetOrCreateTable(name).BeginWrite();
            for (int i = 0; i < 20_000; i++)
            {
                writer.BeginRow();
                writer.AppendTag("host"u8, Encoding.UTF8.GetBytes($"host_{i % 100}"));
                writer.AppendInt64("v"u8, i);
                writer.EndRow(Start + (i * 1_000_000_000L));
            }
        }

        using (TableWriter writer = db.GetOrCreateTable("h").BeginWrite())
        {
            for (int i = 0; i < 100; i++)
            {
                writer.BeginRow();
                writer.AppendTag("host"u8, Encoding.UTF8.GetBytes($"host_{i}"));
                writer.AppendTag("rack"u8, Encoding.UTF8.GetBytes($"r{i % 10}"));
                writer.AppendInt64("cores"u8, i % 7);
                writer.EndRow(Start + (i * 1_000_000_000L));
            }
        }

        using (TableWriter writer = db.GetOrCreateTable("r").BeginWrite())
        {
            for (int i = 0; i < 10; i++)
            {
                writer.BeginRow();
                writer.AppendTag("rack"u8, Encoding.UTF8.GetBytes($"r{i}"));
                writer.AppendInt64("dc"u8, i % 3);
                writer.EndRow(Start + (i * 1_000_000_000L));
            }
        }

        _engine = new QueryEngine(_storage);
        _session = new Session("bench", "bench") { StatementStartNanoseconds = Start };
    }

    /// <summary>Binds, optimizes (with or without join ordering), builds and drains the query; returns the row count.</summary>
    [Benchmark]
    public long Run()
    {
        var select = (SelectStatement)_engine.Parse(s_queries[Query])[0];
        LogicalPlan bound = new Binder(_storage, _session, _session.StatementStartNanoseconds).Bind(select).Plan;
        var optimizer = new LogicalOptimizer();
        if (!Reorder)
        {
            optimizer.Disabled.Add("join_reorder");
        }

        Operator root = PhysicalPlanner.Build(optimizer.Optimize(bound));
        long rows = 0;
        foreach (RecordBatch batch in root.Execute(CancellationToken.None))
        {
            rows += batch.RowCount;
        }

        return rows;
    }
}
