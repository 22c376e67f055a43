using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Recursive;

/// <summary>The recursive term's reference to its own query: yields the working table's current rows.</summary>
public sealed class WorkTableScanOperator(WorkTable table, Schema schema) : Operator
{
    /// <summary>The table filled by the recursive union.</summary>
    private readonly WorkTable _table = table;

    /// <inheritdoc/>
    public override Schema Schema { get; } = schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        foreach (RecordBatch batch in _table.Batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return batch;
        }
    }
}
