using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators;

/// <summary>
/// A physical operator: pull-based, it yields record batches of at most
/// <see cref="RecordBatch.MaxRows"/> rows, lazily, pulling from its inputs as it goes. Enumerating
/// <see cref="Execute"/> twice runs the operator twice. Cancellation is checked between batches.
/// </summary>
public abstract class Operator
{
    /// <summary>The schema of every batch produced.</summary>
    public abstract Schema Schema { get; }

    /// <summary>Runs the operator.</summary>
    public abstract IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken);
}
