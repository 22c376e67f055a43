namespace IOx.Pg.Storage.Persist;

/// <summary>What one persist did.</summary>
/// <param name="WalSequence">The WAL sequence the persisted files now cover.</param>
/// <param name="Files">Parquet files written and recorded.</param>
/// <param name="RowsIn">Buffered rows read.</param>
/// <param name="RowsOut">Rows written (after merging duplicates).</param>
/// <param name="Bytes">Bytes written to the object store.</param>
/// <param name="Elapsed">Wall time from the cut to the swap.</param>
/// <param name="SortMerge">Of which sorting and merging rows.</param>
/// <param name="Encode">Of which encoding Parquet (and reading back its statistics).</param>
/// <param name="Put">Of which putting objects (with their fsyncs).</param>
/// <param name="Commit">Of which the catalog (schema and the commit).</param>
public sealed record PersistResult(ulong WalSequence, int Files, long RowsIn, long RowsOut, long Bytes, TimeSpan Elapsed, TimeSpan SortMerge, TimeSpan Encode, TimeSpan Put, TimeSpan Commit);
