using System.Diagnostics;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Optimizer.Rules;

namespace IOx.Pg.Planner.Optimizer;

/// <summary>
/// Runs the rules in order, once each. Any rule can be switched off by name; each run is timed;
/// after each rule the plan is verified to produce the same output columns (names and types), so a
/// broken rule fails loudly at plan time instead of returning wrong rows.
/// </summary>
public sealed class LogicalOptimizer
{
    /// <summary>The rules, in application order.</summary>
    private readonly IReadOnlyList<IOptimizerRule> _rules;

    /// <summary>Creates a driver over <paramref name="rules"/>, or the default rule set.</summary>
    public LogicalOptimizer(IReadOnlyList<IOptimizerRule>? rules = null) =>
        _rules = rules ?? [new JoinFilterPushdownRule(), new ConstantFoldingRule(), new TimeRangePushdownRule(), new TagPredicatePushdownRule(), new JoinReorderRule(), new SortedAggregateRule(), new LastPointRule()];

    /// <summary>The session setting naming rules not to run, comma-separated (as DuckDB's disabled_optimizers): compares a plan with and without a rule.</summary>
    public const string DisabledSetting = "iox.disabled_optimizers";

    /// <summary>The default rules minus those <paramref name="session"/>'s <see cref="DisabledSetting"/> names.</summary>
    public static LogicalOptimizer For(Engine.Session session)
    {
        var optimizer = new LogicalOptimizer();
        if (session.Settings.TryGetValue(DisabledSetting, out string? names))
        {
            foreach (string name in names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                optimizer.Disabled.Add(name);
            }
        }

        return optimizer;
    }

    /// <summary>Names of rules not to run.</summary>
    public HashSet<string> Disabled { get; } = new(StringComparer.Ordinal);

    /// <summary>Time spent per rule in the last run.</summary>
    public List<(string Rule, TimeSpan Elapsed, bool Changed)> LastRun { get; } = [];

    /// <summary>Optimizes <paramref name="plan"/>.</summary>
    public LogicalPlan Optimize(LogicalPlan plan)
    {
        LastRun.Clear();
        foreach (IOptimizerRule rule in _rules)
        {
            if (Disabled.Contains(rule.Name))
            {
                continue;
            }

            long start = Stopwatch.GetTimestamp();
            LogicalPlan? rewritten = rule.Apply(plan);
            LastRun.Add((rule.Name, Stopwatch.GetElapsedTime(start), rewritten is not null));
            if (rewritten is null)
            {
                continue;
            }

            Verify(plan, rewritten, rule.Name);
            plan = rewritten;
        }

        return plan;
    }

    /// <summary>Checks the rewritten plan has the same output columns.</summary>
    private static void Verify(LogicalPlan before, LogicalPlan after, string rule)
    {
        if (before.Schema.Count != after.Schema.Count)
        {
            throw new InvalidOperationException($"optimizer rule {rule} changed the number of output columns");
        }

        for (int i = 0; i < before.Schema.Count; i++)
        {
            if (before.Schema[i].Type != after.Schema[i].Type || before.Schema[i].Name != after.Schema[i].Name)
            {
                throw new InvalidOperationException($"optimizer rule {rule} changed output column {i}");
            }
        }
    }
}
