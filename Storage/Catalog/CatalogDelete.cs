namespace IOx.Pg.Storage.Catalog;

/// <summary>A recorded delete: rows of the table within the time range matching the predicate are gone.</summary>
/// <param name="Id">Catalog identifier.</param>
/// <param name="TableId">The table.</param>
/// <param name="Predicate">The predicate's stored text (Storage.Deletes.DeletePredicateText).</param>
/// <param name="MinTime">Start of the time range (ns, inclusive).</param>
/// <param name="MaxTime">End of the time range (ns, inclusive).</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="WalSequence">The last WAL sequence applied to the write buffer when it was recorded (0: no WAL).</param>
public sealed record CatalogDelete(long Id, long TableId, string Predicate, long MinTime, long MaxTime, DateTimeOffset CreatedAt, ulong WalSequence = 0);
