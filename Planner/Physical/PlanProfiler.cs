using System.Runtime.CompilerServices;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Planner.Logical;

namespace IOx.Pg.Planner.Physical;

/// <summary>
/// Collects an <see cref="OperatorProfile"/> per logical plan node while the physical planner
/// builds (EXPLAIN ANALYZE). A node the planner fused into its parent (a sort under a limit
/// becoming a top-k) has no profile of its own.
/// </summary>
public sealed class PlanProfiler
{
    /// <summary>Profiles by node identity.</summary>
    private readonly ConditionalWeakTable<LogicalPlan, OperatorProfile> _profiles = [];

    /// <summary>Operators with their own counters, by node identity.</summary>
    private readonly ConditionalWeakTable<LogicalPlan, IReportsStatistics> _statistics = [];

    /// <summary>The node's operator counters after the run ("files=1 ..."), or null when its operator has none.</summary>
    public string? StatisticsOf(LogicalPlan node) => _statistics.TryGetValue(node, out IReportsStatistics? reporter) ? reporter.DescribeStatistics() : null;

    /// <summary>The profile of <paramref name="node"/>, or null when it was not built as an operator of its own.</summary>
    public OperatorProfile? ProfileOf(LogicalPlan node) => _profiles.TryGetValue(node, out OperatorProfile? profile) ? profile : null;

    /// <summary>Wraps <paramref name="built"/> (the operator for <paramref name="node"/>) so it is measured.</summary>
    internal Operator Wrap(LogicalPlan node, Operator built)
    {
        var profile = new OperatorProfile();
        _profiles.AddOrUpdate(node, profile);
        if (built is IReportsStatistics reporter)
        {
            _statistics.AddOrUpdate(node, reporter);
        }

        return new ProfiledOperator(built, profile);
    }
}
