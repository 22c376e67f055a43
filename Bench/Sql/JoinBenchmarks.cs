using System.Text;
using BenchmarkDotNet.Attributes;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Bench.Sql;

/// <summary>
/// Joins end to end (parse, bind, optimize, execute, drain) of the TSBS-style cpu table (100
/// hosts, one row per host every 10 s for 24 h: 864,000 rows, ten float fields) with a small tag
/// table hosts (100 rows: hostname, rack, cores): the cpu side streams through the probe a batch
/// at a time while hosts is the build side, so time and allocations should scale with the cpu
/// batches, not with rows. The correlated scalar subqueries are single joins: scalar-correlated
/// is join-all-rows' shape (every cpu row out), scalar-aggregated groups cpu by the correlation
/// key and probes it with the 100 hosts. Runs in process, like <see cref="SqlQueryBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class JoinBenchmarks
{
    /// <summary>2016-01-01T00:00:00Z in nanoseconds.</summary>
    private const long Start = 1_451_606_400_000_000_000L;

    /// <summary>The SQL text of each benchmark.</summary>
    private static readonly Dictionary<string, string> s_queries = new()
    {
        ["join-groupby-rack"] = "SELECT t.rack, count(*), avg(c.usage_user) FROM cpu c JOIN hosts t ON c.hostname = t.hostname GROUP BY t.rack ORDER BY 1",
        ["join-using-1h"] = "SELECT c.time, hostname, t.rack, c.usage_user FROM cpu c JOIN hosts t USING (hostname) WHERE c.time >= '2016-01-01T05:00:00Z' AND c.time < '2016-01-01T06:00:00Z'",
        ["join-all-rows"] = "SELECT c.time, c.hostname, t.cores, c.usage_user FROM cpu c, hosts t WHERE c.hostname = t.hostname",
        ["semi-in"] = "SELECT count(*) FROM cpu WHERE hostname IN (SELECT hostname FROM hosts WHERE rack = 'rack_1')",
        ["not-in"] = "SELECT count(*) FROM cpu WHERE hostname NOT IN (SELECT hostname FROM hosts WHERE cores > 8)",
        ["scalar-correlated"] = "SELECT c.time, c.hostname, (SELECT t.cores FROM hosts t WHERE t.hostname = c.hostname), c.usage_user FROM cpu c",
        ["scalar-aggregated"] = "SELECT t.hostname, (SELECT max(c.usage_user) FROM cpu c WHERE c.hostname = t.hostname) FROM hosts t",
    };

    /// <summary>The engine over the generated data.</summary>
    private QueryEngine _engine = null!;

    /// <summary>A session on the bench database.</summary>
    private Session _session = null!;

    /// <summary>The benchmark names.</summary>
    public static IEnumerable<string> QueryNames => s_queries.Keys;

    /// <summary>Which query runs.</summary>
    [ParamsSource(nameof(QueryNames))]
    public string Query { get; set; } = "join-groupby-rack";

    /// <summary>Generates cpu (a deterministic random walk per host and field) and hosts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var storage = new WriteBuffer();
        DatabaseBuffer db = storage.GetOrCreateDatabase("bench");
        var random = new Random(42);
        byte[][] hosts = new byte[100][];
        for (int h = 0; h < hosts.Length; h++)
        {
            hosts[h] = Encoding.UTF8.GetBytes($"host_{h}");
        }

        byte[][] fields = new byte[10][];
        for (int f = 0; f < fields.Length; f++)
        {
            fields[f] = Encoding.UTF8.GetBytes(f == 0 ? "usage_user" : $"usage_{f}");
        }

        var state = new double[100 * fields.Length];
        using (TableWriter writer = db.GetOrCreateTable("cpu").BeginWrite())
        {
            for (int step = 0; step < 8640; step++)
            {
                long time = Start + (step * 10_000_000_000L);
                for (int h = 0; h < 100; h++)
                {
                    writer.BeginRow();
                    writer.AppendTag("hostname"u8, hosts[h]);
                    for (int f = 0; f < fields.Length; f++)
                    {
                        int k = (h * fields.Length) + f;
                        state[k] = Math.Clamp(state[k] + ((random.Next(0, 201) - 100) / 100.0), 0, 100);
                        writer.AppendDouble(fields[f], Math.Round(state[k], 2));
                    }

                    writer.EndRow(time);
                }
            }
        }

        using (TableWriter writer = db.GetOrCreateTable("hosts").BeginWrite())
        {
            for (int h = 0; h < 100; h++)
            {
                writer.BeginRow();
                writer.AppendTag("hostname"u8, hosts[h]);
                writer.AppendTag("rack"u8, Encoding.UTF8.GetBytes($"rack_{h % 10}"));
                writer.AppendInt64("cores"u8, 2 + (h % 16));
                writer.EndRow(Start);
            }
        }

        _engine = new QueryEngine(storage);
        _session = new Session("bench", "bench") { StatementStartNanoseconds = Start + (86_400L * 1_000_000_000L) };
    }

    /// <summary>Parses, plans and runs the query, draining every batch; returns the row count.</summary>
    [Benchmark]
    public long Run()
    {
        Statement statement = _engine.Parse(s_queries[Query])[0];
        QueryResult result = _engine.Execute(statement, _session, CancellationToken.None);
        long rows = 0;
        foreach (RecordBatch batch in result.Batches)
        {
            rows += batch.RowCount;
        }

        return rows;
    }
}
