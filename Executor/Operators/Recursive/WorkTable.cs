using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Recursive;

/// <summary>
/// The working table of one running WITH RECURSIVE query: the rows the previous iteration
/// produced, which the recursive term reads through <see cref="WorkTableScanOperator"/>. Owned by
/// one <see cref="RecursiveUnionOperator"/>; it replaces the rows only between executions of the
/// recursive term, never while one is reading them.
/// </summary>
public sealed class WorkTable
{
    /// <summary>The rows of the previous iteration.</summary>
    private IReadOnlyList<RecordBatch> _batches = [];

    /// <summary>The rows the recursive term reads now.</summary>
    public IReadOnlyList<RecordBatch> Batches => _batches;

    /// <summary>Makes <paramref name="batches"/> the rows of the next iteration.</summary>
    public void Set(IReadOnlyList<RecordBatch> batches) => _batches = batches;
}
