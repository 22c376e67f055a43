using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>UNION ALL: the rows of every input, in input order. The binder makes every input's columns the output types.</summary>
public sealed class UnionNode(IReadOnlyList<LogicalPlan> inputs, Schema schema) : LogicalPlan
{
    /// <inheritdoc/>
    public override Schema Schema { get; } = schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs { get; } = inputs;

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new UnionNode(inputs, Schema);

    /// <inheritdoc/>
    public override string Describe() => "Union";
}
