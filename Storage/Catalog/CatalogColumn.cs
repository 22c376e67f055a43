using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.Catalog;

/// <summary>A column of a table. Its type and role never change once recorded (schema on write).</summary>
/// <param name="Id">Catalog identifier.</param>
/// <param name="TableId">The table it belongs to.</param>
/// <param name="Name">The name, case-sensitive.</param>
/// <param name="Type">The logical type.</param>
/// <param name="Role">Tag, field or time.</param>
/// <param name="Ordinal">Position in the table, 0 for <c>time</c>, dense and in creation order.</param>
public sealed record CatalogColumn(long Id, long TableId, string Name, DataType Type, ColumnRole Role, int Ordinal);
