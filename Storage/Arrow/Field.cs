namespace IOx.Pg.Storage.Arrow;

/// <summary>A named, typed column of a <see cref="Schema"/>; <see cref="Role"/> says what it is in a table.</summary>
public sealed record Field(string Name, DataType Type, ColumnRole Role = ColumnRole.None);
