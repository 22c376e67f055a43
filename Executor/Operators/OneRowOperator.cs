using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators;

/// <summary>One row with no columns: the input of SELECT without FROM.</summary>
public sealed class OneRowOperator : Operator
{
    /// <inheritdoc/>
    public override Schema Schema => Schema.Empty;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        yield return new RecordBatch(Schema.Empty, [], 1);
    }
}
