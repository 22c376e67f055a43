namespace IOx.Pg.Storage.Arrow;

/// <summary>Makes all-null columns: what a table column reads as in rows written before it existed.</summary>
public static class NullColumns
{
    /// <summary>A column of <paramref name="length"/> nulls of <paramref name="type"/>.</summary>
    public static Column Create(DataType type, int length)
    {
        if (type == DataType.List)
        {
            // Where the element type is not known (the null side of an outer join) it does not matter:
            // no row has elements, and concatenation takes the element type from a part that has some.
            return CreateList(DataType.Utf8, length);
        }

        if (type == DataType.Struct)
        {
            // Without the field list: a record with no fields, every row null (concatenation takes
            // the fields from a part that has them).
            var validity = new byte[BitUtil.BytesFor(length)];
            return new StructColumn([], [], length, validity, length);
        }

        ColumnBuilder builder = ColumnBuilder.Create(type == DataType.Null ? DataType.Int64 : type, length);
        builder.AppendNulls(length);
        return builder.Build();
    }

    /// <summary>A column of <paramref name="length"/> null arrays of <paramref name="elementType"/>.</summary>
    public static Column CreateList(DataType elementType, int length)
    {
        var builder = new ListColumnBuilder(elementType, length);
        builder.AppendNulls(length);
        return builder.Build();
    }
}
