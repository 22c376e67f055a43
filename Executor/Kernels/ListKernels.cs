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
        int n = indices.Length;
        var offsets = new int[n + 1];
        int total = 0;
        for (int i = 0; i < n; i++)
        {
            total += column.CountOf(indices[i]);
            offsets[i + 1] = total;
        }

        var elementIndices = new int[total];
        int at = 0;
        for (int i = 0; i < n; i++)
        {
            int start = column.StartOf(indices[i]);
            int count = column.CountOf(indices[i]);
            for (int k = 0; k < count; k++)
            {
                elementIndices[at++] = start + k;
            }
        }

        return new ListColumn(offsets, ColumnFactory.Take(column.Values, elementIndices), n, validity, nullCount);
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
}
