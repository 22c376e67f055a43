using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators;

/// <summary>Yields batches computed before execution (system catalog rows), checking cancellation between them.</summary>
public sealed class MemoryTableOperator(Schema schema, IReadOnlyList<RecordBatch> batches) : Operator
{
    /// <summary>The rows.</summary>
    private readonly IReadOnlyList<RecordBatch> _batches = batches;

    /// <inheritdoc/>
    public override Schema Schema { get; } = schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        foreach (RecordBatch batch in _batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return batch;
        }
    }
}
