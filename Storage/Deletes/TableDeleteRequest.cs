using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Storage.Deletes;

/// <summary>
/// A DELETE handed from the SQL engine to the server's storage: the table, what to remove, and how
/// to count the rows it removes. The server runs <see cref="CountMatching"/> while writers, persists
/// and compactions are held off, right before recording the tombstone, so the count is exactly the
/// rows the delete hides.
/// </summary>
/// <param name="Database">The database holding the table.</param>
/// <param name="Table">The table.</param>
/// <param name="Predicate">The rows to remove.</param>
/// <param name="CountMatching">Counts the visible rows <paramref name="Predicate"/> matches (a query over a snapshot taken when called).</param>
public sealed record TableDeleteRequest(string Database, TableBuffer Table, DeletePredicate Predicate, Func<long> CountMatching);
