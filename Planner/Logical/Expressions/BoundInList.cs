using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>x IN (constants of x's type).</summary>
public sealed class BoundInList(BoundExpr operand, IReadOnlyList<ScalarValue> values) : BoundExpr
{
    /// <summary>The operand.</summary>
    public BoundExpr Operand { get; } = operand;

    /// <summary>The list.</summary>
    public IReadOnlyList<ScalarValue> Values { get; } = values;

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [Operand];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundInList(children[0], Values);

    /// <inheritdoc/>
    public override string ToString()
    {
        var items = new string[Values.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = new BoundLiteral(Values[i]).ToString();
        }

        return $"({Operand} IN ({string.Join(", ", items)}))";
    }
}
