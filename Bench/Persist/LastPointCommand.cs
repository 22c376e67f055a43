using System.Diagnostics;
using System.Globalization;
using IOx.Pg.Bench.Load;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Optimizer;
using IOx.Pg.Storage.ObjectStore;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;
using CatalogStore = IOx.Pg.Storage.Catalog.Catalog;

namespace IOx.Pg.Bench.Persist;

/// <summary>
/// <c>lastpoint [--hosts N] [--days D] [--runs R]</c>: loads TSBS cpu-only data for D days, persists
/// it (one file per day), then times lastpoint-style queries with the lastpoint rule on and off
/// (SET iox.disabled_optimizers = 'lastpoint': the plain plan), median of R runs; then again with
/// a few newer rows per host in the write buffer (files plus buffer). Checks both plans agree.
/// </summary>
public static class LastPointCommand
{
    /// <summary>Queries timed.</summary>
    private static readonly string[] s_queries =
    [
        "SELECT DISTINCT ON (hostname) * FROM cpu ORDER BY hostname, time DESC",
        "SELECT hostname, max(time) FROM cpu GROUP BY hostname",
        "SELECT hostname, max(time), selector_last(usage_user, time)['value'] FROM cpu WHERE hostname IN ('host_1', 'host_3', 'host_5') GROUP BY hostname",
    ];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int hosts = 20;
        int days = 7;
        int runs = 7;
        if (!CommandOptions.TryParse(args, ["--hosts", "--days", "--runs"], out CommandOptions options))
        {
            return 2;
        }

        hosts = options.Int("--hosts", hosts);
        days = options.Int("--days", days);
        runs = options.Int("--runs", runs);

        string dir = Path.Combine(Path.GetTempPath(), "ioxpg-bench-lastpoint-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var buffer = new WriteBuffer();
            DatabaseBuffer database = buffer.GetOrCreateDatabase("benchmark");
            var start = new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var generator = new CpuDataGenerator(hosts, days * 24.0, start);
            (long lines, _) = generator.WriteTo(database);

            using CatalogStore catalog = CatalogStore.Open(Path.Combine(dir, "catalog.sqlite"));
            var persister = new Persister(catalog, new LocalObjectStore(Path.Combine(dir, "objects")), trimWal: null);
            PersistResult result = persister.PersistAsync(() => PersistCut.Seal(buffer, 0), CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine($"{lines} rows, {hosts} hosts, {days} days: {result.Files} files");

            var engine = new QueryEngine(buffer);
            var session = new Session("benchmark", "bench");
            TimeQueries(engine, session, "files", runs);
            Explain(engine, session);

            // A newer minute for every host, buffered: the newest source is the buffer.
            var newer = new CpuDataGenerator(hosts, 1.0 / 60, start.AddDays(days));
            newer.WriteTo(database);

            TimeQueries(engine, session, "files+buffer", runs);
            Explain(engine, session);
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Prints EXPLAIN ANALYZE of each query when LASTPOINT_EXPLAIN is set.</summary>
    private static void Explain(QueryEngine engine, Session session)
    {
        if (Environment.GetEnvironmentVariable("LASTPOINT_EXPLAIN") is null)
        {
            return;
        }

        foreach (string sql in s_queries)
        {
            Time(engine, session, "EXPLAIN ANALYZE " + sql, out string plan);
            Console.WriteLine(plan);
        }
    }

    /// <summary>Times each query with the rule on and off (median of <paramref name="runs"/>, interleaved) and checks the rows agree.</summary>
    private static void TimeQueries(QueryEngine engine, Session session, string label, int runs)
    {
        foreach (string sql in s_queries)
        {
            var on = new List<double>();
            var off = new List<double>();
            string? onRows = null;
            string? offRows = null;
            for (int run = 0; run < runs; run++)
            {
                session.Settings.Remove(LogicalOptimizer.DisabledSetting);
                on.Add(Time(engine, session, sql, out onRows));
                session.Settings[LogicalOptimizer.DisabledSetting] = "lastpoint";
                off.Add(Time(engine, session, sql, out offRows));
            }

            session.Settings.Remove(LogicalOptimizer.DisabledSetting);
            on.Sort();
            off.Sort();
            string agree = onRows == offRows ? "same rows" : "ROWS DIFFER";
            Console.WriteLine($"{label}: plain {off[runs / 2],8:F2} ms, lastpoint {on[runs / 2],8:F2} ms ({agree})  {sql}");
        }
    }

    /// <summary>Runs <paramref name="sql"/> once; returns milliseconds and the rows as sorted text.</summary>
    private static double Time(QueryEngine engine, Session session, string sql, out string rows)
    {
        var watch = Stopwatch.StartNew();
        QueryResult result = engine.Execute(engine.Parse(sql)[0], session, CancellationToken.None);
        var text = new List<string>();
        foreach (var batch in result.Batches)
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                var cells = new string[batch.Schema.Count];
                for (int c = 0; c < cells.Length; c++)
                {
                    cells[c] = Convert.ToString(Executor.Kernels.ColumnFactory.GetScalar(batch.Column(c), r).Value, CultureInfo.InvariantCulture) ?? "NULL";
                }

                text.Add(string.Join("|", cells));
            }
        }

        double elapsed = watch.Elapsed.TotalMilliseconds;
        text.Sort(StringComparer.Ordinal);
        rows = string.Join("\n", text);
        return elapsed;
    }
}
