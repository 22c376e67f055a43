namespace IOx.Pg.Storage.Catalog;

/// <summary>A table row of the catalog.</summary>
/// <param name="Id">Catalog identifier.</param>
/// <param name="DatabaseId">The database it belongs to.</param>
/// <param name="Name">The name, case-sensitive.</param>
public sealed record CatalogTable(long Id, long DatabaseId, string Name);
