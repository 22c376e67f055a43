using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.Catalog;

/// <summary>A column a writer wants a table to have.</summary>
/// <param name="Name">The name.</param>
/// <param name="Type">The logical type.</param>
/// <param name="Role">Tag, field or time.</param>
public sealed record ColumnDefinition(string Name, DataType Type, ColumnRole Role);
