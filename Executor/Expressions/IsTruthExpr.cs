using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>x IS [NOT] TRUE / FALSE.</summary>
public sealed class IsTruthExpr(PhysicalExpr input, bool truth, bool negated) : PhysicalExpr
{
    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) => BooleanKernels.IsTruth((BooleanColumn)input.Evaluate(batch), truth, negated);
}
