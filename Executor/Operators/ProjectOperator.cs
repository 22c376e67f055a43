using IOx.Pg.Executor.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators;

/// <summary>Computes one output column per expression.</summary>
public sealed class ProjectOperator(Operator input, PhysicalExpr[] expressions, Schema schema) : Operator
{
    /// <inheritdoc/>
    public override Schema Schema => schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        foreach (RecordBatch batch in input.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var columns = new Column[expressions.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                columns[i] = expressions[i].Evaluate(batch);
            }

            yield return new RecordBatch(schema, columns, batch.RowCount);
        }
    }
}
