namespace IOx.Pg.Storage.Catalog;

/// <summary>A Parquet file recorded in the catalog.</summary>
/// <param name="Id">Catalog identifier.</param>
/// <param name="TableId">The table it holds rows of.</param>
/// <param name="PartitionDay">The UTC day its rows belong to.</param>
/// <param name="ObjectKey">Its key in the object store.</param>
/// <param name="MinTime">Smallest time value (ns, UTC).</param>
/// <param name="MaxTime">Largest time value (ns, UTC).</param>
/// <param name="RowCount">Rows in the file.</param>
/// <param name="SizeBytes">Size of the object.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="CompactionLevel">0 when persisted from the write buffer, higher once compacted.</param>
/// <param name="ToDeleteAt">Null while live; once replaced, when its object may be deleted (queries started before then may still read it).</param>
public sealed record CatalogFile(
    long Id,
    long TableId,
    DateOnly PartitionDay,
    string ObjectKey,
    long MinTime,
    long MaxTime,
    long RowCount,
    long SizeBytes,
    DateTimeOffset CreatedAt,
    int CompactionLevel,
    DateTimeOffset? ToDeleteAt);
