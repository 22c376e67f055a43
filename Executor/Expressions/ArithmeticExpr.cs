using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>+ - * / % over two operands of the result's numeric type (the binder inserts the casts).</summary>
public sealed class ArithmeticExpr : PhysicalExpr
{
    /// <summary>The operator.</summary>
    private readonly ArithmeticOp _op;

    /// <summary>Left operand.</summary>
    private readonly PhysicalExpr _left;

    /// <summary>Right operand.</summary>
    private readonly PhysicalExpr _right;

    /// <summary>Creates the expression.</summary>
    public ArithmeticExpr(ArithmeticOp op, PhysicalExpr left, PhysicalExpr right)
    {
        _op = op;
        _left = left;
        _right = right;
    }

    /// <inheritdoc/>
    public override DataType Type => _left.Type;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) =>
        ArithmeticKernels.Apply(_op, _left.Evaluate(batch), _right.Evaluate(batch), batch.RowCount);
}
