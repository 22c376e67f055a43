using System.Diagnostics;
using System.Globalization;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Optimizer;
using IOx.Pg.Planner.Optimizer.Statistics;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Bench.Sql;

/// <summary>
/// <c>plantime [--hosts N] [--hours H] [--runs R]</c>: TSBS cpu-only rows in the write buffer
/// (the shared bench's generator: ten tags, ten fields), then the single-groupby-1-1-1 query
/// timed phase by phase (parse, bind, each optimizer rule, physical set-up, execution), median
/// of R runs in microseconds. Planning should not grow with the number of buffer batches: run it
/// with several --hours to see. <c>--plan-loop N</c> only plans N times (for a profiler).
/// </summary>
public static class PlanTimeCommand
{
    /// <summary>The timed query (TSBS single-groupby-1-1-1 with fixed parameters).</summary>
    public const string Query =
        "SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS time, max(usage_user) AS max_usage_user FROM cpu " +
        "WHERE hostname = 'host_64' AND time >= '2016-01-01T20:34:00Z' AND time < '2016-01-01T21:34:00Z' GROUP BY 1 ORDER BY 1";

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int hosts = 100;
        double hours = 24;
        int runs = 201;
        int planLoop = 0;
        if (!CommandOptions.TryParse(args, ["--hosts", "--hours", "--runs", "--plan-loop"], out CommandOptions options))
        {
            return 2;
        }

        hosts = options.Int("--hosts", hosts);
        hours = options.Double("--hours", hours);
        runs = options.Int("--runs", runs);
        planLoop = options.Int("--plan-loop", planLoop);

        (WriteBuffer buffer, long lines) = TsbsBuffer.Load(hosts, hours);
        Console.WriteLine($"{lines} rows in the write buffer, {(lines + RecordBatch.MaxRows - 1) / RecordBatch.MaxRows} batches");
        var engine = new QueryEngine(buffer);
        var session = new Session("benchmark", "bench");
        if (planLoop > 0)
        {
            // Only planning, many times: a steady state for a sampling profiler (dotnet-trace).
            var select = (SelectStatement)engine.Parse(Query)[0];
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < planLoop; i++)
            {
                engine.Plan(select, session, out LogicalPlan loopPlan);
                _ = PhysicalPlanner.Build(loopPlan);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalMicroseconds / planLoop:F1} µs per plan (bind + optimize + physical) over {planLoop} plans"));
            return 0;
        }

        var phases = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var order = new List<string>();
        Statement explain = engine.Parse("EXPLAIN ANALYZE " + Query)[0];
        long rows = 0;
        for (int run = 0; run < runs; run++)
        {
            long t0 = Stopwatch.GetTimestamp();
            Statement statement = engine.Parse(Query)[0];
            long t1 = Stopwatch.GetTimestamp();
            var binder = new IOx.Pg.Planner.Binder.Binder(buffer, session, (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
            LogicalPlan bound = binder.Bind((SelectStatement)statement).Plan;
            long t2 = Stopwatch.GetTimestamp();
            LogicalOptimizer optimizer = LogicalOptimizer.For(session);
            LogicalPlan plan = optimizer.Optimize(bound);
            long t3 = Stopwatch.GetTimestamp();
            _ = new CostModel(new RowEstimator()).Cost(plan);
            long c1 = Stopwatch.GetTimestamp();
            Operator root = PhysicalPlanner.Build(plan);
            long t4 = Stopwatch.GetTimestamp();
            rows = 0;
            foreach (RecordBatch batch in root.Execute(CancellationToken.None))
            {
                rows += batch.RowCount;
            }

            long t5 = Stopwatch.GetTimestamp();
            Add(phases, order, "parse", Stopwatch.GetElapsedTime(t0, t1));
            Add(phases, order, "bind", Stopwatch.GetElapsedTime(t1, t2));
            Add(phases, order, "optimize", Stopwatch.GetElapsedTime(t2, t3));
            foreach ((string rule, TimeSpan elapsed, _) in optimizer.LastRun)
            {
                Add(phases, order, "  rule " + rule, elapsed);
            }

            Add(phases, order, "costs (EXPLAIN only)", Stopwatch.GetElapsedTime(t3, c1));
            Add(phases, order, "physical", Stopwatch.GetElapsedTime(c1, t4));
            Add(phases, order, "planning (bind+optimize+physical)", Stopwatch.GetElapsedTime(t1, t4) - Stopwatch.GetElapsedTime(t3, c1));
            Add(phases, order, "execute", Stopwatch.GetElapsedTime(t4, t5));
            Add(phases, order, "EXPLAIN ANALYZE Planning Time", TimeSpan.FromMilliseconds(ExplainPlanningMilliseconds(engine, session, explain)));
        }

        Console.WriteLine($"{rows} result rows; median (min) of {runs} runs in µs:");
        foreach (string phase in order)
        {
            List<double> times = phases[phase];
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{times[times.Count / 2],10:F1} ({times[0],8:F1})  {phase}"));
        }

        return 0;
    }

    /// <summary>Runs EXPLAIN ANALYZE and returns the Planning Time it prints.</summary>
    private static double ExplainPlanningMilliseconds(QueryEngine engine, Session session, Statement explain)
    {
        const string Prefix = "Planning Time: ";
        foreach (RecordBatch batch in engine.Execute(explain, session, CancellationToken.None).Batches)
        {
            var lines = (StringColumn)batch.Columns[0];
            for (int i = 0; i < batch.RowCount; i++)
            {
                string line = lines.GetString(i);
                if (line.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    return double.Parse(line.AsSpan(Prefix.Length, line.Length - Prefix.Length - " ms".Length), CultureInfo.InvariantCulture);
                }
            }
        }

        throw new InvalidOperationException("EXPLAIN ANALYZE printed no Planning Time");
    }

    /// <summary>Records one timing of <paramref name="phase"/>.</summary>
    private static void Add(Dictionary<string, List<double>> phases, List<string> order, string phase, TimeSpan elapsed)
    {
        if (!phases.TryGetValue(phase, out List<double>? times))
        {
            times = [];
            phases[phase] = times;
            order.Add(phase);
        }

        times.Add(elapsed.TotalMicroseconds);
    }
}
