using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Sort;

/// <summary>
/// ORDER BY ... LIMIT k (k counts the OFFSET too): keeps only the best k rows seen so far. Input is
/// buffered until it holds several times k rows, then sorted and cut back to k, so memory stays
/// O(k + batch) and the work is a sort of small runs instead of the whole input.
/// </summary>
public sealed class TopKOperator(Operator input, SortKey[] keys, int k) : Operator
{
    /// <inheritdoc/>
    public override Schema Schema => input.Schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        if (k <= 0)
        {
            yield break;
        }

        int threshold = Math.Max(k * 4, RecordBatch.MaxRows);
        var buffered = new List<RecordBatch>();
        int rows = 0;
        foreach (RecordBatch batch in input.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            buffered.Add(batch);
            rows += batch.RowCount;
            if (rows >= threshold)
            {
                RecordBatch kept = Compact(buffered);
                buffered.Clear();
                buffered.Add(kept);
                rows = kept.RowCount;
            }
        }

        if (rows == 0)
        {
            yield break;
        }

        RecordBatch top = Compact(buffered);
        for (int start = 0; start < top.RowCount; start += RecordBatch.MaxRows)
        {
            yield return Kernels.ColumnFactory.Slice(top, start, Math.Min(RecordBatch.MaxRows, top.RowCount - start));
        }
    }

    /// <summary>Sorts the buffered rows and keeps the first k.</summary>
    private RecordBatch Compact(List<RecordBatch> buffered)
    {
        (Column[] columns, int[] order) = SortOperator.SortRows(Schema, buffered, keys);
        int keep = Math.Min(k, order.Length);
        return SortOperator.Gather(Schema, columns, order.AsSpan(0, keep));
    }
}
