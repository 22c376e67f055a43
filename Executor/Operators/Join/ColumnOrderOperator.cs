using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Join;

/// <summary>Passes batches through with their columns reordered (no copy): output column i is input column <c>order[i]</c>.</summary>
public sealed class ColumnOrderOperator(Operator input, int[] order, Schema schema) : Operator
{
    /// <inheritdoc/>
    public override Schema Schema => schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        foreach (RecordBatch batch in input.Execute(cancellationToken))
        {
            var columns = new Column[order.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                columns[i] = batch.Column(order[i]);
            }

            yield return new RecordBatch(schema, columns, batch.RowCount);
        }
    }
}
