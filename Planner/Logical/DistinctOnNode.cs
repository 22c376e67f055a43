using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>
/// SELECT DISTINCT ON: of each group of rows with equal <see cref="Keys"/> columns, the first row
/// in <see cref="Order"/>; the output is sorted by <see cref="Order"/>. The binder guarantees the
/// order starts with the key columns (PostgreSQL's rule that DISTINCT ON expressions match the
/// initial ORDER BY expressions; keys the ORDER BY lacks are appended, ascending).
/// </summary>
public sealed class DistinctOnNode(LogicalPlan input, IReadOnlyList<int> keys, IReadOnlyList<SortItem> order) : LogicalPlan
{
    /// <summary>The input.</summary>
    public LogicalPlan Input { get; } = input;

    /// <summary>The DISTINCT ON columns of the input.</summary>
    public IReadOnlyList<int> Keys { get; } = keys;

    /// <summary>The full order: the key columns first, then the order inside a group.</summary>
    public IReadOnlyList<SortItem> Order { get; } = order;

    /// <inheritdoc/>
    public override Schema Schema => Input.Schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new DistinctOnNode(inputs[0], Keys, Order);

    /// <inheritdoc/>
    public override string Describe()
    {
        var keys = new string[Keys.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = $"{Input.Schema[Keys[i]].Name}#{Keys[i]}";
        }

        var items = new string[Order.Count];
        for (int i = 0; i < items.Length; i++)
        {
            SortItem k = Order[i];
            items[i] = $"{Input.Schema[k.Column].Name}#{k.Column} {(k.Descending ? "DESC" : "ASC")} NULLS {(k.NullsFirst ? "FIRST" : "LAST")}";
        }

        return $"DistinctOn: [{string.Join(", ", keys)}] order=[{string.Join(", ", items)}]";
    }
}
