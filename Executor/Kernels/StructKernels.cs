using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Kernels;

/// <summary>
/// Whole-column building blocks for struct (record) columns: gathering rows, concatenation and
/// reading one field. Every operation runs once per child column, never once per row and field.
/// </summary>
public static class StructKernels
{
    /// <summary>The rows of <paramref name="column"/> at <paramref name="indices"/>; <paramref name="validity"/> is already gathered.</summary>
    public static StructColumn Take(StructColumn column, ReadOnlySpan<int> indices, byte[]? validity, int nullCount)
    {
        var children = new Column[column.Children.Count];
        for (int k = 0; k < children.Length; k++)
        {
            children[k] = ColumnFactory.Take(column.Children[k], indices);
        }

        return new StructColumn(column.Names, children, indices.Length, validity, nullCount);
    }

    /// <summary>The parts end to end: each field's children concatenated, the validity bitmaps joined.</summary>
    public static StructColumn Concat(IReadOnlyList<Column> parts)
    {
        // An all-null part made without the field list (NullColumns.Create) has no children; the
        // field list comes from a part that has them, and such parts contribute null fields.
        StructColumn? shape = null;
        int total = 0;
        foreach (Column part in parts)
        {
            total += part.Length;
            if (part is StructColumn { Children.Count: > 0 } s && shape is null)
            {
                shape = s;
            }
        }

        shape ??= (StructColumn)parts[0];
        var validity = new byte[BitUtil.BytesFor(total)];
        int nullCount = 0;
        int at = 0;
        foreach (Column part in parts)
        {
            for (int i = 0; i < part.Length; i++, at++)
            {
                if (part.IsValid(i))
                {
                    BitUtil.Set(validity, at);
                }
                else
                {
                    nullCount++;
                }
            }
        }

        var children = new Column[shape.Children.Count];
        var pieces = new Column[parts.Count];
        for (int k = 0; k < children.Length; k++)
        {
            DataType type = shape.Children[k].Type;
            for (int p = 0; p < pieces.Length; p++)
            {
                pieces[p] = parts[p] is StructColumn { Children.Count: > 0 } s ? s.Children[k] : NullColumns.Create(type, parts[p].Length);
            }

            children[k] = ColumnFactory.Concat(type, pieces);
        }

        return new StructColumn(shape.Names, children, total, validity, nullCount);
    }

    /// <summary>
    /// Field <paramref name="field"/> of every row: the child column, null wherever the record itself
    /// is null (its child then holds a placeholder).
    /// </summary>
    public static Column FieldOf(StructColumn column, int field, int length)
    {
        Column child = column.Children[field];
        if (child.Length != length)
        {
            child = ColumnFactory.Slice(child, 0, length);
        }

        if (column.NullCount == 0)
        {
            return child;
        }

        byte[]? validity = Bitmaps.And(column, child, length, out int nullCount);
        return WithValidity(child, validity, nullCount);
    }

    /// <summary>The same values under another validity bitmap.</summary>
    private static Column WithValidity(Column column, byte[]? validity, int nullCount) => column switch
    {
        PrimitiveColumn<short> c => Primitive(c, validity, nullCount),
        PrimitiveColumn<int> c => Primitive(c, validity, nullCount),
        PrimitiveColumn<long> c => Primitive(c, validity, nullCount),
        PrimitiveColumn<ulong> c => Primitive(c, validity, nullCount),
        PrimitiveColumn<float> c => Primitive(c, validity, nullCount),
        PrimitiveColumn<double> c => Primitive(c, validity, nullCount),
        PrimitiveColumn<decimal> c => Primitive(c, validity, nullCount),
        PrimitiveColumn<Interval> c => Primitive(c, validity, nullCount),
        BooleanColumn c => new BooleanColumn(c.Bits.ToArray(), c.Length, validity, nullCount),
        StringColumn c => new StringColumn(c.Offsets.ToArray(), c.Data.ToArray(), c.Length, validity, nullCount),
        DictionaryColumn c => new DictionaryColumn(c.Indices.ToArray(), c.Dictionary, c.Length, validity, nullCount),
        ListColumn c => new ListColumn(c.Offsets.ToArray(), c.Values, c.Length, validity, nullCount) { LowerBound = c.LowerBound },
        StructColumn c => new StructColumn(c.Names, c.Children, c.Length, validity, nullCount),
        _ => throw new NotSupportedException(column.GetType().Name),
    };

    /// <summary>A primitive column sharing <paramref name="column"/>'s value buffer under another validity.</summary>
    private static PrimitiveColumn<T> Primitive<T>(PrimitiveColumn<T> column, byte[]? validity, int nullCount)
        where T : unmanaged => new(column.Type, column.Buffer, column.Length, validity, nullCount);
}
