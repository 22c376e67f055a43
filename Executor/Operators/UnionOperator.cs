using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators;

/// <summary>UNION ALL: streams every batch of each input in turn, relabelled with the union's schema (the columns are already of its types).</summary>
public sealed class UnionOperator(Operator[] inputs, Schema schema) : Operator
{
    /// <inheritdoc/>
    public override Schema Schema => schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        foreach (Operator input in inputs)
        {
            foreach (RecordBatch batch in input.Execute(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var columns = new Column[schema.Count];
                for (int c = 0; c < columns.Length; c++)
                {
                    columns[c] = batch.Column(c);
                }

                yield return new RecordBatch(schema, columns, batch.RowCount);
            }
        }
    }
}
