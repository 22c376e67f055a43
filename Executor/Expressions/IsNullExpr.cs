using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>x IS [NOT] NULL.</summary>
public sealed class IsNullExpr(PhysicalExpr input, bool negated) : PhysicalExpr
{
    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) => BooleanKernels.IsNull(input.Evaluate(batch), negated);
}
