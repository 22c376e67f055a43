using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.Persist;

/// <summary>
/// One partition of <see cref="DedupKernel.SortAndMerge"/>'s output: rows of one UTC day (or all
/// rows when not partitioning), sorted by (tags in name order, time), one row per identity.
/// </summary>
/// <param name="Day">Days since 1970-01-01 (UTC) of every row's time; 0 when not partitioning.</param>
/// <param name="Batches">The rows, in batches of at most <see cref="RecordBatch.MaxRows"/>, with the kernel's schema.</param>
/// <param name="RowCount">Total rows.</param>
/// <param name="MinTime">Smallest time.</param>
/// <param name="MaxTime">Largest time.</param>
public sealed record DedupPartition(long Day, IReadOnlyList<RecordBatch> Batches, long RowCount, long MinTime, long MaxTime);
