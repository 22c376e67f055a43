using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators;

/// <summary>Skips <c>offset</c> rows then passes at most <c>limit</c> rows (null: no limit); stops pulling its input once done.</summary>
public sealed class LimitOperator(Operator input, long offset, long? limit) : Operator
{
    /// <inheritdoc/>
    public override Schema Schema => input.Schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        long toSkip = offset;
        long remaining = limit ?? long.MaxValue;
        if (remaining <= 0)
        {
            yield break;
        }

        foreach (RecordBatch batch in input.Execute(cancellationToken))
        {
            int start = 0;
            if (toSkip > 0)
            {
                if (toSkip >= batch.RowCount)
                {
                    toSkip -= batch.RowCount;
                    continue;
                }

                start = (int)toSkip;
                toSkip = 0;
            }

            int take = (int)Math.Min(batch.RowCount - start, remaining);
            remaining -= take;
            yield return ColumnFactory.Slice(batch, start, take);
            if (remaining == 0)
            {
                yield break;
            }
        }
    }
}
