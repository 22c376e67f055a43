using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>Sorts its input.</summary>
public sealed class SortNode(LogicalPlan input, IReadOnlyList<SortItem> keys) : LogicalPlan
{
    /// <summary>The input.</summary>
    public LogicalPlan Input { get; } = input;

    /// <summary>The keys, most significant first.</summary>
    public IReadOnlyList<SortItem> Keys { get; } = keys;

    /// <inheritdoc/>
    public override Schema Schema => Input.Schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new SortNode(inputs[0], Keys);

    /// <inheritdoc/>
    public override string Describe()
    {
        var items = new string[Keys.Count];
        for (int i = 0; i < items.Length; i++)
        {
            SortItem k = Keys[i];
            items[i] = $"{Input.Schema[k.Column].Name}#{k.Column} {(k.Descending ? "DESC" : "ASC")} NULLS {(k.NullsFirst ? "FIRST" : "LAST")}";
        }

        return $"Sort: {string.Join(", ", items)}";
    }
}
