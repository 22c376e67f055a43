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

/// <summary>-x.</summary>
public sealed class NegateExpr(PhysicalExpr input) : PhysicalExpr
{
    /// <inheritdoc/>
    public override DataType Type => input.Type;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) => ArithmeticKernels.Negate(input.Evaluate(batch));
}

/// <summary>x IS [NOT] NULL.</summary>
public sealed class IsNullExpr(PhysicalExpr input, bool negated) : PhysicalExpr
{
    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) => BooleanKernels.IsNull(input.Evaluate(batch), negated);
}

/// <summary>x IS [NOT] TRUE / FALSE.</summary>
public sealed class IsTruthExpr(PhysicalExpr input, bool truth, bool negated) : PhysicalExpr
{
    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) => BooleanKernels.IsTruth((BooleanColumn)input.Evaluate(batch), truth, negated);
}

/// <summary>CAST(x AS type).</summary>
public sealed class CastExpr(PhysicalExpr input, DataType to) : PhysicalExpr
{
    /// <inheritdoc/>
    public override DataType Type => to;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) => CastKernels.Cast(input.Evaluate(batch), to);
}
