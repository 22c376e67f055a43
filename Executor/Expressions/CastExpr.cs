using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>CAST(x AS type).</summary>
public sealed class CastExpr(PhysicalExpr input, DataType to) : PhysicalExpr
{
    /// <inheritdoc/>
    public override DataType Type => to;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) => CastKernels.Cast(input.Evaluate(batch), to);
}
