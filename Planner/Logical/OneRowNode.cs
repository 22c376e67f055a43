using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>One row and no columns: the input of SELECT without FROM.</summary>
public sealed class OneRowNode : LogicalPlan
{
    /// <inheritdoc/>
    public override Schema Schema => Schema.Empty;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    /// <inheritdoc/>
    public override string Describe() => "OneRow";
}
