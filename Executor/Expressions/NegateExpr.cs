using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>-x.</summary>
public sealed class NegateExpr(PhysicalExpr input) : PhysicalExpr
{
    /// <inheritdoc/>
    public override DataType Type => input.Type;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) => ArithmeticKernels.Negate(input.Evaluate(batch));
}
