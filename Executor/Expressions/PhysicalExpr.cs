using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>
/// A compiled expression evaluated a whole batch at a time: one call per batch returns a column
/// of <see cref="RecordBatch.RowCount"/> values. Implementations loop over spans and combine
/// validity bitmaps; nothing is allocated or boxed per row.
/// </summary>
public abstract class PhysicalExpr
{
    /// <summary>The result type.</summary>
    public abstract DataType Type { get; }

    /// <summary>Evaluates over every row of <paramref name="batch"/>.</summary>
    public abstract Column Evaluate(RecordBatch batch);
}
