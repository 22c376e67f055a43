namespace IOx.Pg.Storage.Catalog;

/// <summary>A Parquet file, already put in the object store, to record in the catalog.</summary>
/// <param name="PartitionDay">The UTC day its rows belong to.</param>
/// <param name="ObjectKey">Its key in the object store (unique across the catalog).</param>
/// <param name="MinTime">Smallest time value (ns since the epoch, UTC).</param>
/// <param name="MaxTime">Largest time value; not below <paramref name="MinTime"/>.</param>
/// <param name="RowCount">Rows in the file.</param>
/// <param name="SizeBytes">Size of the object.</param>
/// <param name="CompactionLevel">0 for a file persisted from the write buffer, higher once compacted.</param>
/// <param name="ColumnStats">Per-column statistics; columns must exist in the table.</param>
public sealed record NewParquetFile(
    DateOnly PartitionDay,
    string ObjectKey,
    long MinTime,
    long MaxTime,
    long RowCount,
    long SizeBytes,
    int CompactionLevel,
    IReadOnlyList<FileColumnStats> ColumnStats);
