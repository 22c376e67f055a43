namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// Builds a <see cref="StructColumn"/>: append one value to every child builder in
/// <see cref="Children"/>, then close the row with <see cref="EndStruct"/>; AppendNull appends a null
/// row (and a null to every child, so children stay as long as the struct).
/// </summary>
public sealed class StructColumnBuilder : ColumnBuilder
{
    /// <summary>Creates a builder of records with fields <paramref name="fields"/> and room for <paramref name="capacity"/> rows.</summary>
    public StructColumnBuilder(IReadOnlyList<Field> fields, int capacity)
    {
        var names = new string[fields.Count];
        var children = new ColumnBuilder[fields.Count];
        for (int i = 0; i < children.Length; i++)
        {
            names[i] = fields[i].Name;
            children[i] = CreateFor(fields[i], capacity);
        }

        Names = names;
        Children = children;
    }

    /// <inheritdoc/>
    public override DataType Type => DataType.Struct;

    /// <summary>The field names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>One builder per field: append the current row's field values here.</summary>
    public IReadOnlyList<ColumnBuilder> Children { get; }

    /// <summary>A builder for a field of any type, nested lists and records included.</summary>
    public static ColumnBuilder CreateFor(Field field, int capacity) => field.Type switch
    {
        DataType.List => new ListColumnBuilder(field.ElementType, capacity),
        DataType.Struct => new StructColumnBuilder(field.Children ?? [], capacity),
        _ => Create(field.Type == DataType.Null ? DataType.Utf8 : field.Type, capacity),
    };

    /// <summary>A column of <paramref name="length"/> NULL records with this builder's fields (the builder is reset).</summary>
    public Column BuildNulls(int length)
    {
        AppendNulls(length);
        return Build();
    }

    /// <summary>Closes the current row: it holds the value appended to each child since the last row.</summary>
    public void EndStruct()
    {
        MarkValid();
        Length++;
    }

    /// <inheritdoc/>
    protected override void AppendDefaultValue()
    {
        foreach (ColumnBuilder child in Children)
        {
            child.AppendNull();
        }
    }

    /// <inheritdoc/>
    protected override Column SnapshotValues(int length, byte[]? validity, int nullCount)
    {
        var children = new Column[Children.Count];
        for (int i = 0; i < children.Length; i++)
        {
            children[i] = Children[i].Snapshot();
        }

        return new StructColumn(Names, children, length, validity, nullCount);
    }

    /// <inheritdoc/>
    protected override Column BuildValues(int length, byte[]? validity, int nullCount)
    {
        var children = new Column[Children.Count];
        for (int i = 0; i < children.Length; i++)
        {
            children[i] = Children[i].Build();
        }

        return new StructColumn(Names, children, length, validity, nullCount);
    }
}
