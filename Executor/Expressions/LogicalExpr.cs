using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>AND or OR of two boolean operands, in SQL three-valued logic.</summary>
public sealed class LogicalExpr : PhysicalExpr
{
    /// <summary>True for AND, false for OR.</summary>
    private readonly bool _and;

    /// <summary>Left operand.</summary>
    private readonly PhysicalExpr _left;

    /// <summary>Right operand.</summary>
    private readonly PhysicalExpr _right;

    /// <summary>Creates the expression.</summary>
    public LogicalExpr(bool and, PhysicalExpr left, PhysicalExpr right)
    {
        _and = and;
        _left = left;
        _right = right;
    }

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch)
    {
        var a = (BooleanColumn)_left.Evaluate(batch);
        var b = (BooleanColumn)_right.Evaluate(batch);
        return _and ? BooleanKernels.And(a, b) : BooleanKernels.Or(a, b);
    }
}
