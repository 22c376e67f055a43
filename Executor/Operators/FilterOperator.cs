using System.Buffers;
using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators;

/// <summary>Keeps the rows where the predicate is true (not false, not NULL). Batches kept whole pass through untouched; empty results are dropped.</summary>
public sealed class FilterOperator(Operator input, PhysicalExpr predicate) : Operator
{
    /// <inheritdoc/>
    public override Schema Schema => input.Schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        foreach (RecordBatch batch in input.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mask = (BooleanColumn)predicate.Evaluate(batch);
            int[] selection = ArrayPool<int>.Shared.Rent(batch.RowCount);
            int count = BooleanKernels.Select(mask, selection);
            RecordBatch? result = null;
            if (count == batch.RowCount)
            {
                result = batch;
            }
            else if (count > 0)
            {
                var columns = new Column[batch.Schema.Count];
                for (int c = 0; c < columns.Length; c++)
                {
                    columns[c] = ColumnFactory.Take(batch.Column(c), selection.AsSpan(0, count));
                }

                result = new RecordBatch(batch.Schema, columns, count);
            }

            ArrayPool<int>.Shared.Return(selection);
            if (result is not null)
            {
                yield return result;
            }
        }
    }
}
