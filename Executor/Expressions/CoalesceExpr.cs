using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>
/// COALESCE(a, b, ...): each argument is evaluated only over the rows every earlier argument left
/// NULL (PostgreSQL stops at the first non-NULL argument); rows all arguments leave NULL are NULL.
/// </summary>
public sealed class CoalesceExpr(PhysicalExpr[] args, DataType type) : PhysicalExpr
{
    /// <inheritdoc/>
    public override DataType Type => type;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch)
    {
        var router = new RowRouter(batch, type);
        int[] selected = new int[batch.RowCount];
        for (int a = 0; a < args.Length && router.RemainingCount > 0; a++)
        {
            RecordBatch remaining = router.Remaining();
            Column values = args[a].Evaluate(remaining);
            if (values.NullCount == 0 && a == 0)
            {
                // The common case: the first argument has no NULLs at all.
                return values;
            }

            int count = 0;
            for (int i = 0; i < remaining.RowCount; i++)
            {
                if (!values.IsNull(i))
                {
                    selected[count++] = i;
                }
            }

            ReadOnlySpan<int> rows = selected.AsSpan(0, count);
            if (count > 0)
            {
                router.Decide(rows, count == remaining.RowCount ? values : ColumnFactory.Take(values, rows));
            }
        }

        return router.Finish();
    }
}
