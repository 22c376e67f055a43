using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>
/// WITH RECURSIVE name AS (anchor UNION [ALL] recursive): the anchor's rows, then the recursive
/// term run over the previous iteration's rows (its <see cref="WorkTableNode"/> with the same
/// <see cref="Id"/>) until it adds none. Both inputs have the node's column types.
/// </summary>
public sealed class RecursiveUnionNode(LogicalPlan anchor, LogicalPlan recursive, bool all, int id, string name, Schema schema) : LogicalPlan
{
    /// <summary>The non-recursive term.</summary>
    public LogicalPlan Anchor { get; } = anchor;

    /// <summary>The recursive term.</summary>
    public LogicalPlan Recursive { get; } = recursive;

    /// <summary>UNION ALL (keep repeated rows) rather than UNION.</summary>
    public bool All { get; } = all;

    /// <summary>The id its work table nodes carry.</summary>
    public int Id { get; } = id;

    /// <summary>The query's name.</summary>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public override Schema Schema { get; } = schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Anchor, Recursive];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new RecursiveUnionNode(inputs[0], inputs[1], All, Id, Name, Schema);

    /// <inheritdoc/>
    public override string Describe() => $"RecursiveUnion: {Name}{(All ? " all" : "")}";
}
