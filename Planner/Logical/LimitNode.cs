using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>OFFSET then LIMIT (null: no limit).</summary>
public sealed class LimitNode(LogicalPlan input, long offset, long? limit) : LogicalPlan
{
    /// <summary>The input.</summary>
    public LogicalPlan Input { get; } = input;

    /// <summary>Rows to skip.</summary>
    public long Offset { get; } = offset;

    /// <summary>Rows to return, or null for all.</summary>
    public long? Limit { get; } = limit;

    /// <inheritdoc/>
    public override Schema Schema => Input.Schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new LimitNode(inputs[0], Offset, Limit);

    /// <inheritdoc/>
    public override string Describe() => $"Limit: offset={Offset} limit={(Limit is null ? "ALL" : Limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
}
