namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// A column of composite values (records) in Arrow struct layout: one child column per field, each
/// of the struct's <see cref="Column.Length"/>, plus the struct's own validity. Row i is the values of
/// every child at i; a null row's children hold placeholders (usually nulls) that no reader may use.
/// A field may be null in a present row (its child's validity).
/// </summary>
public sealed class StructColumn : Column
{
    /// <summary>Creates a column over <paramref name="children"/> (not copied), each at least <paramref name="length"/> long.</summary>
    public StructColumn(IReadOnlyList<string> names, IReadOnlyList<Column> children, int length, byte[]? validity = null, int nullCount = 0)
        : base(length, validity, nullCount)
    {
        if (names.Count != children.Count)
        {
            throw new ArgumentException("one name per child column", nameof(names));
        }

        foreach (Column child in children)
        {
            if (child.Length < length)
            {
                throw new ArgumentException("child column shorter than the struct", nameof(children));
            }
        }

        Names = names;
        Children = children;
    }

    /// <inheritdoc/>
    public override DataType Type => DataType.Struct;

    /// <summary>The field names, one per child.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The field values, one column per field.</summary>
    public IReadOnlyList<Column> Children { get; }
}
