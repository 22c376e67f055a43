using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.ObjectStore;

namespace IOx.Pg.Storage.Persist;

/// <summary>
/// A persisted Parquet file of a table as queries see it: its catalog row (time range, rows,
/// object key) and the store holding its object. Immutable; the file never changes once recorded.
/// </summary>
/// <param name="File">The catalog row.</param>
/// <param name="Store">Where its object lives.</param>
public sealed record PersistedFile(CatalogFile File, IObjectStore Store)
{
    /// <summary>Reads the whole object (files are written whole and are at most a day of one table).</summary>
    public byte[] ReadAll(CancellationToken cancellationToken) =>
        Store.GetAsync(File.ObjectKey, cancellationToken).GetAwaiter().GetResult();
}
