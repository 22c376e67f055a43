using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>
/// A WITH RECURSIVE query's reference to itself inside its recursive term: the rows of the previous
/// iteration. A leaf; <see cref="Id"/> ties it to its <see cref="RecursiveUnionNode"/>.
/// </summary>
public sealed class WorkTableNode(int id, string name, Schema schema) : LogicalPlan
{
    /// <summary>The id of the recursive union whose working table this reads.</summary>
    public int Id { get; } = id;

    /// <summary>The recursive query's name.</summary>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public override Schema Schema { get; } = schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    /// <inheritdoc/>
    public override string Describe() => $"WorkTable: {Name}";
}
