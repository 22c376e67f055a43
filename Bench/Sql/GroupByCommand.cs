using System.Diagnostics;
using IOx.Pg.Bench.Load;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Bench.Sql;

/// <summary>
/// <c>groupby [--hosts N] [--hours H] [--runs R]</c>: TSBS cpu-only rows in the write buffer
/// (time-major: consecutive rows are different hosts), then GROUP BY a tag and a time bin, median
/// of R runs. For before/after comparisons of the hash aggregation's group key mapping.
/// </summary>
public static class GroupByCommand
{
    /// <summary>Queries timed.</summary>
    private static readonly string[] s_queries =
    [
        "SELECT date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS time, hostname, avg(usage_user) FROM cpu GROUP BY 1, 2",
        "SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS time, hostname, avg(usage_user) FROM cpu GROUP BY 1, 2",
        "SELECT hostname, date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '1970-01-01T00:00:00Z'), max(usage_user), count(*) FROM cpu GROUP BY 1, 2",
    ];

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int hosts = 100;
        double hours = 24;
        int runs = 7;
        if (!CommandOptions.TryParse(args, ["--hosts", "--hours", "--runs"], out CommandOptions options))
        {
            return 2;
        }

        hosts = options.Int("--hosts", hosts);
        hours = options.Double("--hours", hours);
        runs = options.Int("--runs", runs);

        var buffer = new WriteBuffer();
        DatabaseBuffer database = buffer.GetOrCreateDatabase("benchmark");
        (long lines, _) = new CpuDataGenerator(hosts, hours, new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero)).WriteTo(database);

        Console.WriteLine($"{lines} rows in the write buffer");
        var engine = new QueryEngine(buffer);
        var session = new Session("benchmark", "bench");
        foreach (string sql in s_queries)
        {
            var times = new List<double>();
            long groups = 0;
            for (int run = 0; run < runs; run++)
            {
                var watch = Stopwatch.StartNew();
                groups = 0;
                foreach (var batch in engine.Execute(engine.Parse(sql)[0], session, CancellationToken.None).Batches)
                {
                    groups += batch.RowCount;
                }

                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"{times[runs / 2],8:F1} ms (min {times[0]:F1}) {groups} groups  {sql}");
        }

        return 0;
    }
}
