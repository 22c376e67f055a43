using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Expressions;

/// <summary>
/// An uncorrelated scalar subquery: run once, on first use, then a constant. No row gives NULL;
/// a second row is 21000, as in PostgreSQL.
/// </summary>
public sealed class ScalarSubqueryExpr(Operator subquery, DataType type) : PhysicalExpr
{
    /// <summary>The constant, once the subquery has run.</summary>
    private LiteralExpr? _value;

    /// <inheritdoc/>
    public override DataType Type => type;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch)
    {
        _value ??= new LiteralExpr(Run());
        return _value.Evaluate(batch);
    }

    /// <summary>Runs the subquery: its one value, or NULL.</summary>
    private ScalarValue Run()
    {
        ScalarValue? value = null;
        foreach (RecordBatch result in subquery.Execute(CancellationToken.None))
        {
            if (result.RowCount == 0)
            {
                continue;
            }

            if (value is not null || result.RowCount > 1)
            {
                throw new SqlException(SqlState.CardinalityViolation, "more than one row returned by a subquery used as an expression");
            }

            value = ColumnFactory.GetScalar(result.Column(0), 0);
        }

        return value ?? ScalarValue.Null(type);
    }
}
