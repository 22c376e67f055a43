namespace IOx.Pg.Storage.Catalog;

/// <summary>A database row of the catalog.</summary>
/// <param name="Id">Catalog identifier.</param>
/// <param name="Name">The name, case-sensitive as in InfluxDB.</param>
/// <param name="RetentionPeriod">How long data is kept, or null for forever.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
public sealed record CatalogDatabase(long Id, string Name, TimeSpan? RetentionPeriod, DateTimeOffset CreatedAt);
