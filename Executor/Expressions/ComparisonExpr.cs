using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>A comparison of two operands of one type; a constant right side enables the per-dictionary-entry path.</summary>
public sealed class ComparisonExpr : PhysicalExpr
{
    /// <summary>The operator.</summary>
    private readonly CompareOp _op;

    /// <summary>Left operand.</summary>
    private readonly PhysicalExpr _left;

    /// <summary>Right operand.</summary>
    private readonly PhysicalExpr _right;

    /// <summary>Creates the comparison; a constant on the left is swapped to the right.</summary>
    public ComparisonExpr(CompareOp op, PhysicalExpr left, PhysicalExpr right)
    {
        if (left is LiteralExpr && right is not LiteralExpr)
        {
            (left, right) = (right, left);
            op = op switch
            {
                CompareOp.Less => CompareOp.Greater,
                CompareOp.LessOrEqual => CompareOp.GreaterOrEqual,
                CompareOp.Greater => CompareOp.Less,
                CompareOp.GreaterOrEqual => CompareOp.LessOrEqual,
                _ => op,
            };
        }

        _op = op;
        _left = left;
        _right = right;
    }

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) =>
        ComparisonKernels.Compare(_op, _left.Evaluate(batch), _right.Evaluate(batch), batch.RowCount, _right is LiteralExpr);
}
