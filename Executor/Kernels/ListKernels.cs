using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Kernels;

/// <summary>
/// Whole-column building blocks for list (array) columns: gathering rows, repeating a constant
/// array, appending. Elements move as whole child-column ranges (one Take over the child), never
/// one boxed value at a time.
/// </summary>
public static class ListKernels
{
    /// <summary>The rows of <paramref name="column"/> at <paramref name="indices"/>; <paramref name="validity"/> is already gathered.</summary>
    public static ListColumn Take(ListColumn column, ReadOnlySpan<int> indices, byte[]? validity, int nullCount)
    {
        // A null row keeps an empty range (the ListColumn invariant), whatever its index points at.
        int n = indices.Length;
        var offsets = new int[n + 1];
        int total = 0;
        for (int i = 0; i < n; i++)
        {
            total += validity is null || BitUtil.Get(validity, i) ? column.CountOf(indices[i]) : 0;
            offsets[i + 1] = total;
        }

        var elementIndices = new int[total];
        int at = 0;
        for (int i = 0; i < n; i++)
        {
            int start = column.StartOf(indices[i]);
            int count = offsets[i + 1] - offsets[i];
            for (int k = 0; k < count; k++)
            {
                elementIndices[at++] = start + k;
            }
        }

        return new ListColumn(offsets, ColumnFactory.Take(column.Values, elementIndices), n, validity, nullCount) { LowerBound = column.LowerBound };
    }

    /// <summary><paramref name="length"/> rows each holding the array <paramref name="elements"/> (null: a NULL array).</summary>
    public static ListColumn Repeat(DataType elementType, Column? elements, int length)
    {
        if (elements is null)
        {
            return (ListColumn)NullColumns.CreateList(elementType, length);
        }

        int count = elements.Length;
        var offsets = new int[length + 1];
        var elementIndices = new int[count * length];
        for (int i = 0; i < length; i++)
        {
            offsets[i + 1] = (i + 1) * count;
            for (int k = 0; k < count; k++)
            {
                elementIndices[(i * count) + k] = k;
            }
        }

        return new ListColumn(offsets, ColumnFactory.Take(elements, elementIndices), length);
    }

    /// <summary>The element type of list columns to concatenate: that of the first with elements (all-null parts may carry any).</summary>
    public static DataType ElementTypeOf(IReadOnlyList<Column> parts)
    {
        foreach (Column part in parts)
        {
            if (part is ListColumn { Values.Length: > 0 } list)
            {
                return list.ElementType;
            }
        }

        return parts.Count > 0 ? ((ListColumn)parts[0]).ElementType : DataType.Utf8;
    }

    /// <summary>Appends every row of <paramref name="column"/> to <paramref name="builder"/>.</summary>
    public static void AppendAll(ListColumnBuilder builder, ListColumn column)
    {
        for (int i = 0; i < column.Length; i++)
        {
            if (column.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            ColumnFactory.AppendAll(builder.Values, ColumnFactory.Slice(column.Values, column.StartOf(i), column.CountOf(i)));
            builder.EndList();
        }
    }

    /// <summary>
    /// The values of <paramref name="values"/> at <paramref name="indices"/>, where an index of -1
    /// gives NULL (a subscript out of range, an element of a NULL array).
    /// </summary>
    public static Column TakeOrNull(Column values, DataType elementType, int[] indices)
    {
        int n = indices.Length;
        var present = new byte[BitUtil.BytesFor(n)];
        int missing = 0;
        for (int i = 0; i < n; i++)
        {
            if (indices[i] < 0)
            {
                indices[i] = 0;
                missing++;
            }
            else
            {
                BitUtil.Set(present, i);
            }
        }

        if (missing == n)
        {
            return NullColumns.Create(elementType, n);
        }

        Column taken = ColumnFactory.Take(values, indices);
        if (missing == 0)
        {
            return taken;
        }

        int nullCount = 0;
        for (int i = 0; i < n; i++)
        {
            if (!taken.IsValid(i))
            {
                BitUtil.Clear(present, i);
            }

            if (!BitUtil.Get(present, i))
            {
                nullCount++;
            }
        }

        return WithValidity(taken, present, nullCount);
    }

    /// <summary>The same values under another validity bitmap.</summary>
    public static Column WithValidity(Column column, byte[] validity, int nullCount) => column switch
    {
        PrimitiveColumn<long> c => new PrimitiveColumn<long>(c.Type, c.Buffer, c.Length, validity, nullCount),
        PrimitiveColumn<double> c => new PrimitiveColumn<double>(c.Type, c.Buffer, c.Length, validity, nullCount),
        PrimitiveColumn<int> c => new PrimitiveColumn<int>(c.Type, c.Buffer, c.Length, validity, nullCount),
        PrimitiveColumn<short> c => new PrimitiveColumn<short>(c.Type, c.Buffer, c.Length, validity, nullCount),
        PrimitiveColumn<ulong> c => new PrimitiveColumn<ulong>(c.Type, c.Buffer, c.Length, validity, nullCount),
        PrimitiveColumn<float> c => new PrimitiveColumn<float>(c.Type, c.Buffer, c.Length, validity, nullCount),
        PrimitiveColumn<decimal> c => new PrimitiveColumn<decimal>(c.Type, c.Buffer, c.Length, validity, nullCount),
        PrimitiveColumn<Interval> c => new PrimitiveColumn<Interval>(c.Type, c.Buffer, c.Length, validity, nullCount),
        BooleanColumn c => new BooleanColumn(c.Bits.ToArray(), c.Length, validity, nullCount),
        StringColumn c => new StringColumn(c.Offsets.ToArray(), c.Data.ToArray(), c.Length, validity, nullCount),
        DictionaryColumn c => new DictionaryColumn(c.Indices.ToArray(), c.Dictionary, c.Length, validity, nullCount),
        ListColumn c => new ListColumn(c.Offsets.ToArray(), c.Values, c.Length, validity, nullCount) { LowerBound = c.LowerBound },
        _ => throw new NotSupportedException($"validity of {column.GetType().Name}"),
    };

    /// <summary>For each element of <paramref name="column"/>'s child, the row it belongs to.</summary>
    public static int[] RowOfElements(ListColumn column)
    {
        var rows = new int[column.StartOf(column.Length)];
        for (int i = 0; i < column.Length; i++)
        {
            int end = column.StartOf(i + 1);
            for (int k = column.StartOf(i); k < end; k++)
            {
                rows[k] = i;
            }
        }

        return rows;
    }
}
