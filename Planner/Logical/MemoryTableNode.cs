using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>
/// Rows computed before execution (a system catalog relation): the batches are yielded as they
/// are. A leaf; the name is for EXPLAIN.
/// </summary>
public sealed class MemoryTableNode(string name, Schema schema, IReadOnlyList<RecordBatch> batches) : LogicalPlan
{
    /// <summary>The relation's name, e.g. pg_catalog.pg_type.</summary>
    public string Name { get; } = name;

    /// <summary>The rows; every batch has <see cref="Schema"/>'s columns.</summary>
    public IReadOnlyList<RecordBatch> Batches { get; } = batches;

    /// <inheritdoc/>
    public override Schema Schema { get; } = schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    /// <inheritdoc/>
    public override string Describe() => $"MemoryTable: {Name}";
}
