namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// A named, typed column of a <see cref="Schema"/>; <see cref="Role"/> says what it is in a table.
/// <see cref="ElementType"/> is the element type when <see cref="Type"/> is <see cref="DataType.List"/>, else Null;
/// <see cref="Children"/> the fields of a <see cref="DataType.Struct"/> (a record), in order, else null.
/// </summary>
public sealed record Field(string Name, DataType Type, ColumnRole Role = ColumnRole.None, DataType ElementType = DataType.Null, IReadOnlyList<Field>? Children = null);
