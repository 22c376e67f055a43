using System.Text;
using BenchmarkDotNet.Attributes;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Bench.Sql;

/// <summary>
/// End-to-end SQL over the write buffer (parse, bind, optimize, execute, drain the batches) on
/// TSBS-style cpu data: 100 hosts, one row per host every 10 s for 24 h (864,000 rows), ten float
/// fields. The queries are the group-by query and the bench suite's shapes
/// (../shared/bench/src/queries.mjs) with fixed parameters. Runs in process: BenchmarkDotNet's
/// default out-of-process toolchain looks for a project named after the assembly (IOx.Pg.Bench),
/// and this one is Bench.csproj.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class SqlQueryBenchmarks
{
    /// <summary>2016-01-01T00:00:00Z in nanoseconds.</summary>
    private const long Start = 1_451_606_400_000_000_000L;

    /// <summary>The ten cpu fields, as TSBS names them.</summary>
    private static readonly string[] s_fields =
    [
        "usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait",
        "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice",
    ];

    /// <summary>The engine over the generated data.</summary>
    private QueryEngine _engine = null!;

    /// <summary>A session on the bench database.</summary>
    private Session _session = null!;

    /// <summary>The SQL text of each benchmark.</summary>
    private static readonly Dictionary<string, string> s_queries = new()
    {
        ["groupby-host"] = "SELECT hostname, count(*), avg(usage_user) FROM cpu GROUP BY hostname ORDER BY hostname",
        ["point-host-time"] = "SELECT hostname, usage_user FROM cpu WHERE hostname = 'host_7' AND time = '2016-01-01T05:00:00Z'",
        ["single-groupby-1-1-1"] = "SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS time, max(usage_user) AS max_usage_user FROM cpu WHERE hostname = 'host_7' AND time >= '2016-01-01T05:00:00Z' AND time < '2016-01-01T06:00:00Z' GROUP BY 1 ORDER BY 1",
        ["single-groupby-5-8-1"] = "SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS time, max(usage_user) AS max_usage_user, max(usage_system) AS max_usage_system, max(usage_idle) AS max_usage_idle, max(usage_nice) AS max_usage_nice, max(usage_iowait) AS max_usage_iowait FROM cpu WHERE hostname IN ('host_1', 'host_9', 'host_17', 'host_33', 'host_42', 'host_58', 'host_71', 'host_99') AND time >= '2016-01-01T05:00:00Z' AND time < '2016-01-01T06:00:00Z' GROUP BY 1 ORDER BY 1",
        ["cpu-max-all-8"] = "SELECT date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS time, " + Aggregates("max", "max") + " FROM cpu WHERE hostname IN ('host_1', 'host_9', 'host_17', 'host_33', 'host_42', 'host_58', 'host_71', 'host_99') AND time >= '2016-01-01T08:00:00Z' AND time < '2016-01-01T16:00:00Z' GROUP BY 1 ORDER BY 1",
        ["double-groupby-all"] = "SELECT date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS time, hostname, " + Aggregates("avg", "mean") + " FROM cpu WHERE time >= '2016-01-01T06:00:00Z' AND time < '2016-01-01T18:00:00Z' GROUP BY 1, 2 ORDER BY 1, 2",
        ["high-cpu-all"] = "SELECT * FROM cpu WHERE usage_user > 90.0 AND time >= '2016-01-01T06:00:00Z' AND time < '2016-01-01T18:00:00Z'",
        ["lastpoint"] = "SELECT DISTINCT ON (hostname) * FROM cpu ORDER BY hostname, time DESC",
        ["moving-average"] = "SELECT hostname, time, avg(usage_user) OVER (PARTITION BY hostname ORDER BY time ROWS BETWEEN 5 PRECEDING AND CURRENT ROW) FROM cpu",
        ["delta-lag"] = "SELECT hostname, time, usage_user - lag(usage_user) OVER (PARTITION BY hostname ORDER BY time) FROM cpu",
        ["groupby-orderby-limit"] = "SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS time, max(usage_user) AS max_usage_user FROM cpu WHERE time < '2016-01-01T12:00:00Z' GROUP BY 1 ORDER BY 1 DESC LIMIT 5",
        ["groupby-1m-100-hosts-12h"] = "SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS time, hostname, avg(usage_user) FROM cpu WHERE time >= '2016-01-01T06:00:00Z' AND time < '2016-01-01T18:00:00Z' GROUP BY 1, 2 ORDER BY 2, 1",
        ["gapfill-locf-100-hosts-12h"] = "SELECT date_bin_gapfill(INTERVAL '1 minute', time) AS time, hostname, locf(avg(usage_user)) FROM cpu WHERE time >= '2016-01-01T06:00:00Z' AND time < '2016-01-01T18:00:00Z' GROUP BY 1, 2",
        ["gapfill-locf-sparse"] = "SELECT date_bin_gapfill(INTERVAL '1 minute', time) AS time, hostname, locf(avg(usage_user)) FROM cpu WHERE time >= '2016-01-01T06:00:00Z' AND time < '2016-01-01T18:00:00Z' AND usage_user > 90.0 GROUP BY 1, 2",
        ["selector-max-per-host"] = "SELECT hostname, selector_max(usage_user, time)['value'], selector_max(usage_user, time)['time'] FROM cpu GROUP BY hostname",
        ["max-per-host"] = "SELECT hostname, max(usage_user), max(time) FROM cpu GROUP BY hostname",
        ["selector-last-per-host"] = "SELECT hostname, selector_last(usage_user, time)['value'] FROM cpu GROUP BY hostname",
        ["timescale-last-per-host"] = "SELECT hostname, last(usage_user, time) FROM cpu GROUP BY hostname",
        ["approx-distinct"] = "SELECT approx_distinct(usage_user) FROM cpu",
        ["count-distinct"] = "SELECT count(DISTINCT usage_user) FROM cpu",
        ["approx-median-per-host"] = "SELECT hostname, approx_median(usage_user) FROM cpu GROUP BY hostname",
        ["regexp-replace-1h"] = "SELECT regexp_replace(hostname, '^host_(\\d+)$', 'h\\1') FROM cpu WHERE time < '2016-01-01T01:00:00Z'",
    };

    /// <summary>The benchmark names.</summary>
    public static IEnumerable<string> QueryNames => s_queries.Keys;

    /// <summary>Which query runs.</summary>
    [ParamsSource(nameof(QueryNames))]
    public string Query { get; set; } = "groupby-host";

    /// <summary>"max(f) AS max_f, ..." over the ten fields.</summary>
    private static string Aggregates(string function, string prefix)
    {
        var parts = new string[s_fields.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = $"{function}({s_fields[i]}) AS {prefix}_{s_fields[i]}";
        }

        return string.Join(", ", parts);
    }

    /// <summary>Generates the data (a deterministic random walk per host and field).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var storage = new WriteBuffer();
        TableBuffer table = storage.GetOrCreateDatabase("bench").GetOrCreateTable("cpu");
        var random = new Random(42);
        var state = new double[100 * s_fields.Length];
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = random.Next(0, 10000) / 100.0;
        }

        byte[][] hosts = new byte[100][];
        for (int h = 0; h < hosts.Length; h++)
        {
            hosts[h] = Encoding.UTF8.GetBytes($"host_{h}");
        }

        byte[][] fieldNames = Array.ConvertAll(s_fields, Encoding.UTF8.GetBytes);
        using (TableWriter writer = table.BeginWrite())
        {
            for (int step = 0; step < 8640; step++)
            {
                long time = Start + (step * 10_000_000_000L);
                for (int h = 0; h < 100; h++)
                {
                    writer.BeginRow();
                    writer.AppendTag("hostname"u8, hosts[h]);
                    writer.AppendTag("region"u8, h % 2 == 0 ? "us-east-1"u8 : "eu-west-1"u8);
                    for (int f = 0; f < s_fields.Length; f++)
                    {
                        int k = (h * s_fields.Length) + f;
                        state[k] = Math.Clamp(state[k] + ((random.Next(0, 201) - 100) / 100.0), 0, 100);
                        writer.AppendDouble(fieldNames[f], Math.Round(state[k], 2));
                    }

                    writer.EndRow(time);
                }
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
