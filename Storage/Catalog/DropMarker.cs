namespace IOx.Pg.Storage.Catalog;

/// <summary>
/// Where in the WAL a table or database was dropped: every WAL record at or below
/// <paramref name="WalSequence"/> was applied before the drop, every later one after it, so start-up
/// replay removes the dropped object from the write buffer right after replaying that sequence.
/// </summary>
/// <param name="Id">Catalog identifier (drops at one sequence apply in id order).</param>
/// <param name="Database">The database.</param>
/// <param name="Table">The table, or null when the whole database was dropped.</param>
/// <param name="WalSequence">The last WAL sequence logged before the drop.</param>
public sealed record DropMarker(long Id, string Database, string? Table, ulong WalSequence);
