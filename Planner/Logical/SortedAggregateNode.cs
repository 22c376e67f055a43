using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>
/// An aggregation whose group keys are a prefix of the order its input is sorted in (tags by name,
/// then a non-decreasing function of time), chosen by the sorted_aggregate rule: executed by
/// streaming (a group is emitted when its key changes, no hash table). Same output as the
/// <see cref="AggregateNode"/> it replaces; if the scan's sources are not sorted at execution after
/// all (a write landed in between), the operator falls back to hashing.
/// </summary>
public sealed class SortedAggregateNode : LogicalPlan
{
    /// <summary>The aggregation it replaces (input, keys, aggregates, schema).</summary>
    private readonly AggregateNode _aggregate;

    /// <summary>Creates the node from the aggregation it replaces and the names of the sort order its keys follow.</summary>
    public SortedAggregateNode(AggregateNode aggregate, IReadOnlyList<string> order)
    {
        _aggregate = aggregate;
        Order = order;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input => _aggregate.Input;

    /// <summary>The group keys.</summary>
    public IReadOnlyList<BoundExpr> GroupBy => _aggregate.GroupBy;

    /// <summary>The aggregates.</summary>
    public IReadOnlyList<BoundAggregate> Aggregates => _aggregate.Aggregates;

    /// <summary>The input order the keys follow (scan column names), for EXPLAIN.</summary>
    public IReadOnlyList<string> Order { get; }

    /// <inheritdoc/>
    public override Schema Schema => _aggregate.Schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new SortedAggregateNode((AggregateNode)_aggregate.WithInputs(inputs), Order);

    /// <inheritdoc/>
    public override string Describe() => $"SortedAggregate: groupBy=[{string.Join(", ", GroupBy)}] aggregates=[{string.Join(", ", Aggregates)}] order=({string.Join(", ", Order)})";
}
