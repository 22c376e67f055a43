using System.Diagnostics;
using System.Globalization;
using IOx.Pg.Bench.Load;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.ObjectStore;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;
using CatalogStore = IOx.Pg.Storage.Catalog.Catalog;

namespace IOx.Pg.Bench.Persist;

/// <summary>
/// <c>persist [--hosts N] [--hours H]</c>: loads the TSBS cpu-only data set into a write buffer,
/// persists it (what CHECKPOINT does: sort, dedup, Parquet per day, object store puts with fsync,
/// one catalog commit) into a temporary directory, and prints the time, the bytes per row of the
/// files, and the time of a few queries before and after.
/// </summary>
public static class PersistCommand
{
    /// <summary>Queries timed on buffer and on files.</summary>
    private static readonly string[] s_queries =
    [
        "SELECT count(*) FROM cpu",
        "SELECT hostname, max(usage_user) FROM cpu GROUP BY hostname",
        "SELECT max(usage_user) FROM cpu WHERE hostname = 'host_7' AND time >= '2016-01-01 06:00:00+00' AND time < '2016-01-01 07:00:00+00'",
    ];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int hosts = 100;
        double hours = 24;
        if (!CommandOptions.TryParse(args, ["--hosts", "--hours"], out CommandOptions options))
        {
            return 2;
        }

        hosts = options.Int("--hosts", hosts);
        hours = options.Double("--hours", hours);

        string dir = Path.Combine(Path.GetTempPath(), "ioxpg-bench-persist-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var buffer = new WriteBuffer();
            DatabaseBuffer database = buffer.GetOrCreateDatabase("benchmark");
            var generator = new CpuDataGenerator(hosts, hours, new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var watch = Stopwatch.StartNew();
            (long lines, long bodyBytes) = generator.WriteTo(database);

            Console.WriteLine($"loaded {lines} lines ({bodyBytes} bytes of line protocol) in {watch.ElapsedMilliseconds} ms");
            database.TryGetTable("cpu", out TableBuffer? cpu);
            Console.WriteLine($"buffer: may have duplicates = {cpu!.Snapshot().BufferSources[^1].MayHaveDuplicates}");

            var engine = new QueryEngine(buffer);
            var session = new Session("benchmark", "bench");
            TimeQueries(engine, session, "buffer");

            using CatalogStore catalog = CatalogStore.Open(Path.Combine(dir, "catalog.sqlite"));
            var persister = new Persister(catalog, new LocalObjectStore(Path.Combine(dir, "objects")), trimWal: null);
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            PersistResult result = persister.PersistAsync(() => PersistCut.Seal(buffer, 0), CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine(
                $"persist: {result.RowsIn} rows in, {result.RowsOut} out, {result.Files} files, {result.Bytes} bytes = {(double)result.Bytes / result.RowsOut:F2} bytes/row, {result.Elapsed.TotalMilliseconds:F0} ms "
                + $"(sort+merge {result.SortMerge.TotalMilliseconds:F0}, parquet {result.Encode.TotalMilliseconds:F0}, put {result.Put.TotalMilliseconds:F0}, catalog {result.Commit.TotalMilliseconds:F0})");
            Console.WriteLine($"persist CPU time (all threads): {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds:F0} ms");
            TimeQueries(engine, session, "files");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Runs each query three times and prints the best time.</summary>
    private static void TimeQueries(QueryEngine engine, Session session, string label)
    {
        foreach (string sql in s_queries)
        {
            double best = double.MaxValue;
            string answer = string.Empty;
            for (int run = 0; run < 3; run++)
            {
                var watch = Stopwatch.StartNew();
                QueryResult result = engine.Execute(engine.Parse(sql)[0], session, CancellationToken.None);
                long rows = 0;
                foreach (var batch in result.Batches)
                {
                    rows += batch.RowCount;
                    if (rows == 1 && batch.RowCount == 1)
                    {
                        answer = Convert.ToString(Executor.Kernels.ColumnFactory.GetScalar(batch.Column(batch.Schema.Count - 1), 0).Value, CultureInfo.InvariantCulture) ?? "NULL";
                    }
                }

                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"{label}: {best,8:F1} ms  {sql}  (first value {answer})");
        }
    }
}
