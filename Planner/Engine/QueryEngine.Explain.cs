using System.Diagnostics;
using System.Globalization;
using System.Text;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Optimizer.Statistics;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// EXPLAIN: the optimized plan, one node per row of a "QUERY PLAN" text column, children
/// indented, each with its estimated startup..total cost, rows and row width as PostgreSQL prints
/// them (see <see cref="CostModel"/> and <see cref="RowEstimator"/>). With
/// ANALYZE the query runs (its rows are discarded) and each node shows the rows and
/// batches it produced and the time spent in it and below it, then planning and execution times.
/// </summary>
public sealed partial class QueryEngine
{
    /// <summary>Runs EXPLAIN.</summary>
    private QueryResult Explain(ExplainStatement explain, Session session, CancellationToken cancellationToken)
    {
        if (explain.Inner is not SelectStatement select)
        {
            throw SqlException.NotSupported($"EXPLAIN of {explain.Inner.GetType().Name}", explain.Offset + 1);
        }

        using InputTimeZone.Scope zone = InputTimeZone.Enter(session.Settings.GetValueOrDefault("timezone"));
        long planningStart = Stopwatch.GetTimestamp();
        Plan(select, session, out LogicalPlan plan);
        var lines = new List<string>();
        if (!explain.Analyze)
        {
            AppendPlan(plan, null, explain.Costs ? new CostModel(new RowEstimator()) : null, explain.Timing, 0, lines);
            return ExplainResult(lines);
        }

        // Estimates come from the statistics before the query runs, as the planner saw them.
        CostModel? costs = explain.Costs ? new CostModel(new RowEstimator()) : null;
        _ = costs?.Cost(plan);
        var profiler = new PlanProfiler();
        Operator root;
        using (EnterMemoryBudget(session))
        {
            root = PhysicalPlanner.Build(plan, profiler);
        }

        double planningMs = Stopwatch.GetElapsedTime(planningStart).TotalMilliseconds;
        long executionStart = Stopwatch.GetTimestamp();
        foreach (RecordBatch batch in root.Execute(cancellationToken))
        {
            // Rows are produced and dropped, as PostgreSQL's EXPLAIN ANALYZE does.
            _ = batch;
        }

        double executionMs = Stopwatch.GetElapsedTime(executionStart).TotalMilliseconds;
        AppendPlan(plan, profiler, costs, explain.Timing, 0, lines);
        if (explain.Summary)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Planning Time: {planningMs:F3} ms"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Execution Time: {executionMs:F3} ms"));
        }

        return ExplainResult(lines);
    }

    /// <summary>Appends <paramref name="node"/> and its inputs, annotated with their profiles when analyzing.</summary>
    private static void AppendPlan(LogicalPlan node, PlanProfiler? profiler, CostModel? costs, bool timing, int depth, List<string> lines)
    {
        var line = new StringBuilder();
        line.Append(' ', depth * 2).Append(node.Describe());
        if (costs is not null)
        {
            // PostgreSQL's format: (cost=startup..total rows=N width=W), costs with two decimals.
            PlanCost cost = costs.Cost(node);
            line.Append(CultureInfo.InvariantCulture, $" (cost={cost.Startup:F2}..{cost.Total:F2} rows={costs.Estimator.Rows(node)} width={RowEstimator.Width(node)})");
        }

        if (profiler is not null)
        {
            OperatorProfile? profile = profiler.ProfileOf(node);
            if (profile is null)
            {
                line.Append(" (computed by the node above)");
            }
            else if (profile.Runs == 0)
            {
                line.Append(" (never executed)");
            }
            else
            {
                line.Append(CultureInfo.InvariantCulture, $" (actual rows={profile.Rows} batches={profile.Batches}");
                if (profile.Runs > 1)
                {
                    line.Append(CultureInfo.InvariantCulture, $" loops={profile.Runs}");
                }

                if (timing)
                {
                    line.Append(CultureInfo.InvariantCulture, $" time={profile.ElapsedMilliseconds:F3} ms");
                }

                if (profiler.StatisticsOf(node) is { } statistics)
                {
                    line.Append(' ').Append(statistics);
                }

                line.Append(')');
            }
        }

        lines.Add(line.ToString());
        foreach (LogicalPlan input in node.Inputs)
        {
            AppendPlan(input, profiler, costs, timing, depth + 1, lines);
        }
    }

    /// <summary>The lines as a one-column text result.</summary>
    private static QueryResult ExplainResult(List<string> lines)
    {
        var builder = new StringColumnBuilder(lines.Count);
        foreach (string line in lines)
        {
            builder.Append(line);
        }

        var schema = new Schema([new Field("QUERY PLAN", DataType.Utf8)]);
        var batch = new RecordBatch(schema, [builder.Build()], lines.Count);
        return new QueryResult([new ResultColumn("QUERY PLAN", DataType.Utf8)], [batch], "EXPLAIN", appendRowCount: false);
    }
}
