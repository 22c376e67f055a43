using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>NOT x.</summary>
public sealed class NotExpr(PhysicalExpr input) : PhysicalExpr
{
    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) => BooleanKernels.Not((BooleanColumn)input.Evaluate(batch));
}
