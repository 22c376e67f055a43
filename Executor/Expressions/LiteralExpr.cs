using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>
/// A constant. It evaluates to a constant column, built once per distinct batch length and reused
/// (batches are almost always <see cref="RecordBatch.MaxRows"/> long), so constants cost nothing per batch.
/// </summary>
public sealed class LiteralExpr : PhysicalExpr
{
    /// <summary>The last column built, reused while batch lengths repeat; replaced atomically.</summary>
    private Column? _cached;

    /// <summary>Creates a constant.</summary>
    public LiteralExpr(ScalarValue value) => Value = value;

    /// <summary>The value.</summary>
    public ScalarValue Value { get; }

    /// <inheritdoc/>
    public override DataType Type => Value.Type;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch)
    {
        Column? cached = _cached;
        if (cached is not null && cached.Length == batch.RowCount)
        {
            return cached;
        }

        Column column = ColumnFactory.Constant(Value, batch.RowCount);
        _cached = column;
        return column;
    }
}
