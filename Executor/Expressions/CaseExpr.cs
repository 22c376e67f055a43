using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>
/// Searched CASE: each condition is evaluated over the rows no earlier arm took, each result
/// over the rows its condition selected (TRUE; FALSE and NULL fall through), the ELSE over the
/// rest; rows nothing took are NULL. See <see cref="RowRouter"/>.
/// </summary>
public sealed class CaseExpr(PhysicalExpr[] conditions, PhysicalExpr[] results, PhysicalExpr? elseResult, DataType type) : PhysicalExpr
{
    /// <inheritdoc/>
    public override DataType Type => type;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch)
    {
        var router = new RowRouter(batch, type);
        int[] selected = new int[batch.RowCount];
        for (int arm = 0; arm < conditions.Length && router.RemainingCount > 0; arm++)
        {
            RecordBatch remaining = router.Remaining();
            Column condition = conditions[arm].Evaluate(remaining);
            int count = 0;
            if (condition is BooleanColumn flags)
            {
                for (int i = 0; i < remaining.RowCount; i++)
                {
                    if (flags.GetValue(i) && !flags.IsNull(i))
                    {
                        selected[count++] = i;
                    }
                }
            }

            // A NULL-typed condition (CASE WHEN NULL ...) selects nothing.
            ReadOnlySpan<int> rows = selected.AsSpan(0, count);
            if (count > 0)
            {
                router.Decide(rows, results[arm].Evaluate(RowRouter.Subset(remaining, rows)));
            }
        }

        if (elseResult is not null && router.RemainingCount > 0)
        {
            RecordBatch remaining = router.Remaining();
            int n = remaining.RowCount;
            for (int i = 0; i < n; i++)
            {
                selected[i] = i;
            }

            router.Decide(selected.AsSpan(0, n), elseResult.Evaluate(remaining));
        }

        return router.Finish();
    }
}
