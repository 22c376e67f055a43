using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Memory;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// How a batch reaches one aggregate, the same for the hash and the streaming aggregation: the
/// rows its FILTER keeps, then either the ordered accumulator's buffer or the accumulator itself
/// with the evaluated argument (and second argument).
/// </summary>
internal static class AggregateInput
{
    /// <summary>
    /// Feeds the rows of <paramref name="batch"/> (group ids <paramref name="ids"/>) to
    /// <paramref name="accumulator"/>; <paramref name="keptIds"/> is scratch for FILTER, grown as
    /// needed. Returns the bytes an ordered accumulator now buffers in addition (0 otherwise).
    /// </summary>
    public static long Feed(AggregateSpec spec, Accumulator accumulator, RecordBatch batch, ReadOnlySpan<int> ids, ref int[] keptIds)
    {
        RecordBatch rows = batch;
        ReadOnlySpan<int> rowIds = ids;
        if (spec.Filter is PhysicalExpr filter)
        {
            if (keptIds.Length < batch.RowCount)
            {
                keptIds = new int[Math.Max(batch.RowCount, RecordBatch.MaxRows)];
            }

            rows = AggregateFilter.Apply(batch, ids, filter, keptIds);
            rowIds = keptIds.AsSpan(0, rows.RowCount);
        }

        if (accumulator is OrderedAccumulator ordered)
        {
            ordered.Buffer(rows, rowIds);
            return BatchMemory.Of(rows);
        }

        Column? argument = spec.Argument?.Evaluate(rows);
        if (spec.Ordering is PhysicalExpr second)
        {
            ((ITwoArgumentAccumulator)accumulator).Update(argument!, second.Evaluate(rows), rowIds);
        }
        else
        {
            accumulator.Update(argument, rowIds);
        }

        return 0;
    }
}
