namespace IOx.Pg.Storage.Catalog;

/// <summary>The files one persist adds to one table.</summary>
/// <param name="TableId">The table.</param>
/// <param name="Files">Its new files, already put in the object store.</param>
public sealed record PersistedTableFiles(long TableId, IReadOnlyList<NewParquetFile> Files);
