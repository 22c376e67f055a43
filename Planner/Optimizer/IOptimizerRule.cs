using IOx.Pg.Planner.Logical;

namespace IOx.Pg.Planner.Optimizer;

/// <summary>A logical rewrite that keeps the plan's meaning and output schema.</summary>
public interface IOptimizerRule
{
    /// <summary>The rule's name (how the driver reports it and switches it off).</summary>
    string Name { get; }

    /// <summary>The rewritten plan, or null when the rule changes nothing.</summary>
    LogicalPlan? Apply(LogicalPlan plan);
}
