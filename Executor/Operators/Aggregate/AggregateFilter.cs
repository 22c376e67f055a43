using System.Buffers;
using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// FILTER (WHERE ...) of one aggregate: the rows of a batch where the condition is true (not false,
/// not NULL), with their group ids, taken a column at a time. A batch kept whole is returned as is.
/// </summary>
internal static class AggregateFilter
{
    /// <summary>
    /// The rows of <paramref name="batch"/> where <paramref name="filter"/> is true; their group ids
    /// (from <paramref name="ids"/>) are written to the start of <paramref name="keptIds"/>, which holds
    /// at least <c>batch.RowCount</c> ids.
    /// </summary>
    public static RecordBatch Apply(RecordBatch batch, ReadOnlySpan<int> ids, PhysicalExpr filter, Span<int> keptIds)
    {
        var mask = (BooleanColumn)filter.Evaluate(batch);
        int[] selection = ArrayPool<int>.Shared.Rent(Math.Max(batch.RowCount, 1));
        try
        {
            int count = BooleanKernels.Select(mask, selection);
            for (int i = 0; i < count; i++)
            {
                keptIds[i] = ids[selection[i]];
            }

            if (count == batch.RowCount)
            {
                return batch;
            }

            var columns = new Column[batch.Schema.Count];
            for (int c = 0; c < columns.Length; c++)
            {
                columns[c] = ColumnFactory.Take(batch.Column(c), selection.AsSpan(0, count));
            }

            return new RecordBatch(batch.Schema, columns, count);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(selection);
        }
    }
}
