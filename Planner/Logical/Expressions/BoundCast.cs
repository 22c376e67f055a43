using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>CAST(x AS type).</summary>
public sealed class BoundCast(BoundExpr operand, DataType type) : BoundExpr
{
    /// <summary>The operand.</summary>
    public BoundExpr Operand { get; } = operand;

    /// <inheritdoc/>
    public override DataType Type { get; } = type;

    /// <summary>extra_float_digits when the cast was bound (float to text follows the session's setting, see <see cref="FloatOutput"/>).</summary>
    public int ExtraFloatDigits { get; init; } = FloatOutput.ExtraFloatDigits;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [Operand];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundCast(children[0], Type) { ExtraFloatDigits = ExtraFloatDigits };

    /// <inheritdoc/>
    public override string ToString() => $"CAST({Operand} AS {TypeNames.InternalName(Type)})";
}
