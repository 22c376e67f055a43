using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>
/// x IN (uncorrelated subquery): the subquery runs once, on first use; its values then form an
/// <see cref="InListExpr"/> (same NULL rules: NULL when x is NULL or the set holds a NULL and x is
/// not found), which every batch is tested with.
/// </summary>
public sealed class InSubqueryExpr(PhysicalExpr operand, Operator subquery) : PhysicalExpr
{
    /// <summary>The membership test, once the subquery has run.</summary>
    private InListExpr? _test;

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch)
    {
        _test ??= new InListExpr(operand, Values());
        return _test.Evaluate(batch);
    }

    /// <summary>Every value of the subquery's column (read once per execution, so per-value boxing is not on a per-row path).</summary>
    private List<ScalarValue> Values()
    {
        var values = new List<ScalarValue>();
        foreach (RecordBatch result in subquery.Execute(CancellationToken.None))
        {
            Column column = result.Column(0);
            for (int r = 0; r < result.RowCount; r++)
            {
                values.Add(ColumnFactory.GetScalar(column, r));
            }
        }

        return values;
    }
}
