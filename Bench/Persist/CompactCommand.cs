using System.Diagnostics;
using IOx.Pg.Bench.Load;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.Deletes;
using IOx.Pg.Storage.ObjectStore;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;
using CatalogStore = IOx.Pg.Storage.Catalog.Catalog;

namespace IOx.Pg.Bench.Persist;

/// <summary>
/// <c>compact [--hosts N] [--hours H] [--files F]</c>: loads the TSBS cpu-only data set in F
/// persists (F files of the same day, each holding a slice of the rows), deletes one host through
/// a tombstone, then compacts the day into one file. Prints the compaction's time and rows per
/// second, bytes before and after, and the time of a few queries over the F files with the
/// tombstone and over the compacted file.
/// </summary>
public static class CompactCommand
{
    /// <summary>Queries timed before and after.</summary>
    private static readonly string[] s_queries =
    [
        "SELECT count(*) FROM cpu",
        "SELECT hostname, max(usage_user) FROM cpu GROUP BY hostname",
    ];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int hosts = 100;
        double hours = 24;
        int files = 8;
        if (!CommandOptions.TryParse(args, ["--hosts", "--hours", "--files"], out CommandOptions options))
        {
            return 2;
        }

        hosts = options.Int("--hosts", hosts);
        hours = options.Double("--hours", hours);
        files = options.Int("--files", files);

        string dir = Path.Combine(Path.GetTempPath(), "ioxpg-bench-compact-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var buffer = new WriteBuffer();
            DatabaseBuffer database = buffer.GetOrCreateDatabase("benchmark");
            using CatalogStore catalog = CatalogStore.Open(Path.Combine(dir, "catalog.sqlite"));
            var store = new LocalObjectStore(Path.Combine(dir, "objects"));
            var persister = new Persister(catalog, store, trimWal: null);
            var parserBuffers = new LineParserBuffers();
            var generator = new CpuDataGenerator(hosts, hours, new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var batches = generator.Batches(10_000).Select(b => b.Body).ToList();
            int perFile = (batches.Count + files - 1) / files;
            long lines = 0;
            for (int i = 0; i < batches.Count; i++)
            {
                lines += LineProtocolWriter.Write(database, batches[i], new LineWriteOptions(TimestampPrecision.Nanosecond, 0), parserBuffers).LinesWritten;
                if ((i + 1) % perFile == 0 || i == batches.Count - 1)
                {
                    persister.PersistAsync(() => PersistCut.Seal(buffer, 0), CancellationToken.None).GetAwaiter().GetResult();
                }
            }

            database.TryGetTable("cpu", out TableBuffer? cpu);
            long bytesBefore = cpu!.Files.Sum(f => f.File.SizeBytes);
            Console.WriteLine($"loaded {lines} lines into {cpu.Files.Count} files, {bytesBefore} bytes");

            var engine = new QueryEngine(buffer);
            var session = new Session("benchmark", "bench");
            engine.Delete = (request, _) =>
            {
                long count = request.CountMatching();
                (long min, long max) = request.Predicate.TimeBounds();
                CatalogDelete recorded = catalog.AddDelete(request.Table.CatalogState.TableId, DeletePredicateText.Format(request.Predicate), min, max);
                request.Table.ApplyDelete(Tombstone.FromCatalog(recorded, catalog.ListDeleteFiles(recorded.Id)), filterFiles: true);
                return count;
            };
            var watch = Stopwatch.StartNew();
            QueryResult deleted = engine.Execute(engine.Parse("DELETE FROM cpu WHERE hostname = 'host_7'")[0], session, CancellationToken.None);
            Console.WriteLine($"{deleted.CommandTag} in {watch.Elapsed.TotalMilliseconds:F1} ms");
            TimeQueries(engine, session, $"{cpu.Files.Count} files + tombstone");

            var compactor = new Compactor(catalog, store, new CompactionOptions { MinFiles = 2 });
            watch.Restart();
            CompactionResult result = compactor.CompactTableAsync("benchmark", cpu, force: false, CancellationToken.None).GetAwaiter().GetResult();
            double seconds = watch.Elapsed.TotalSeconds;
            long bytesAfter = cpu.Files.Sum(f => f.File.SizeBytes);
            Console.WriteLine(
                $"compaction: {result.FilesIn} files ({result.RowsIn} rows, {bytesBefore} bytes) -> {result.FilesOut} files ({result.RowsOut} rows, {bytesAfter} bytes) in {seconds * 1000:F0} ms = {result.RowsIn / seconds:F0} rows/s; {result.TombstonesDropped} deletes dropped, {cpu.Tombstones.Count} left");
            TimeQueries(engine, session, "compacted");
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
            long rows = 0;
            for (int run = 0; run < 3; run++)
            {
                var watch = Stopwatch.StartNew();
                QueryResult result = engine.Execute(engine.Parse(sql)[0], session, CancellationToken.None);
                rows = 0;
                foreach (var batch in result.Batches)
                {
                    rows += batch.RowCount;
                }

                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"{label}: {best,8:F1} ms  {sql}  ({rows} rows)");
        }
    }
}
