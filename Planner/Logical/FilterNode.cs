using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>Keeps the rows where the boolean predicate is true.</summary>
public sealed class FilterNode(LogicalPlan input, BoundExpr predicate) : LogicalPlan
{
    /// <summary>The input.</summary>
    public LogicalPlan Input { get; } = input;

    /// <summary>The predicate.</summary>
    public BoundExpr Predicate { get; } = predicate;

    /// <inheritdoc/>
    public override Schema Schema => Input.Schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new FilterNode(inputs[0], Predicate);

    /// <inheritdoc/>
    public override string Describe() => $"Filter: {Predicate}";
}
