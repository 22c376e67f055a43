namespace IOx.Pg.Storage.Deletes;

/// <summary>
/// A recorded DELETE as the storage applies it. It removes the rows matching
/// <see cref="Predicate"/> (within [<see cref="MinTime"/>, <see cref="MaxTime"/>]) that were
/// written before it, and no later row:
/// <list type="bullet">
/// <item>rows in the write buffer when it was recorded are removed from the buffer at once;</item>
/// <item>rows in files are filtered out when read, but only in the files listed in
/// <see cref="FileIds"/> (the live files overlapping its range when it was recorded): files
/// persisted later hold only rows written after it or rows the buffer had already lost;</item>
/// <item>rows only in the WAL (replayed at start-up) are removed when replay passes
/// <see cref="WalSequence"/>: records up to it were written before the delete, later ones after.</item>
/// </list>
/// Compaction rewrites its files without the rows; once none of <see cref="FileIds"/> is live and
/// the WAL up to <see cref="WalSequence"/> is persisted, it is dropped.
/// </summary>
/// <param name="Id">Catalog identifier (deletes are applied in id order).</param>
/// <param name="Predicate">What it removes.</param>
/// <param name="MinTime">Smallest time it can remove (ns).</param>
/// <param name="MaxTime">Largest time it can remove (ns).</param>
/// <param name="WalSequence">The last WAL sequence applied to the buffer when it was recorded.</param>
/// <param name="FileIds">The files it applies to.</param>
public sealed record Tombstone(long Id, DeletePredicate Predicate, long MinTime, long MaxTime, ulong WalSequence, IReadOnlySet<long> FileIds)
{
    /// <summary>Whether reading file <paramref name="fileId"/> spanning [<paramref name="minTime"/>, <paramref name="maxTime"/>] must filter this delete's rows.</summary>
    public bool AppliesToFile(long fileId, long minTime, long maxTime) =>
        minTime <= MaxTime && maxTime >= MinTime && FileIds.Contains(fileId);

    /// <summary>A tombstone from its catalog row and the files it filters; <see cref="FormatException"/> when the stored predicate is malformed.</summary>
    public static Tombstone FromCatalog(Catalog.CatalogDelete delete, IEnumerable<long> fileIds) => new(
        delete.Id,
        DeletePredicateText.Parse(delete.Predicate),
        delete.MinTime,
        delete.MaxTime,
        delete.WalSequence,
        new HashSet<long>(fileIds));
}
