using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Window;

/// <summary>
/// lag, lead, first_value, last_value and nth_value: each position picks a source row (or the
/// default, or NULL), and the result is one gather of the value column: the value column is
/// extended with the default column (lag/lead) or one NULL row, so "default" and "NULL" are just
/// indices past the values. Results are in sorted-position order.
/// </summary>
public static class NavigationFunctions
{
    /// <summary>lag / lead over partitions: offset (int, per row; NULL gives NULL) rows before / after.</summary>
    /// <param name="lead">lead rather than lag.</param>
    /// <param name="value">The value column (row space), of the result type.</param>
    /// <param name="offset">The integer offset column (row space), or null for 1.</param>
    /// <param name="defaultValue">The default column (row space, the result type), or null for NULL.</param>
    /// <param name="partitionStart">Per position, its partition's first position.</param>
    /// <param name="partitionEnd">Per position, one past its partition's last position.</param>
    /// <param name="order">Row index of each position.</param>
    public static Column LagLead(bool lead, Column value, Column? offset, Column? defaultValue, int[] partitionStart, int[] partitionEnd, int[] order)
    {
        int n = order.Length;
        int rows = value.Length;
        var offsets = (PrimitiveColumn<int>?)offset;
        var source = new int[n];
        int nullIndex = rows + (defaultValue?.Length ?? 0);
        bool needsNull = false;
        for (int p = 0; p < n; p++)
        {
            int row = order[p];
            if (offsets is not null && offsets.IsNull(row))
            {
                source[p] = nullIndex;
                needsNull = true;
                continue;
            }

            long k = offsets is null ? 1 : offsets.Buffer[row];
            long q = lead ? p + k : p - k;
            if (q >= partitionStart[p] && q < partitionEnd[p])
            {
                source[p] = order[q];
            }
            else if (defaultValue is not null)
            {
                source[p] = rows + row;
            }
            else
            {
                source[p] = nullIndex;
                needsNull = true;
            }
        }

        return Gather(value, defaultValue, needsNull, source);
    }

    /// <summary>first_value / last_value / nth_value over each position's frame [start, end).</summary>
    /// <param name="kind">FirstValue, LastValue or NthValue.</param>
    /// <param name="value">The value column (row space).</param>
    /// <param name="nth">nth_value's integer n (row space, per row; NULL gives NULL; less than 1 is 22016).</param>
    /// <param name="order">Row index of each position.</param>
    /// <param name="start">Frame starts.</param>
    /// <param name="end">Frame ends (exclusive).</param>
    public static Column FrameValue(WindowFunctionKind kind, Column value, Column? nth, int[] order, int[] start, int[] end)
    {
        int n = order.Length;
        int nullIndex = value.Length;
        var nths = (PrimitiveColumn<int>?)nth;
        var source = new int[n];
        bool needsNull = false;
        for (int p = 0; p < n; p++)
        {
            int s = start[p];
            int e = end[p];
            long q;
            if (kind == WindowFunctionKind.NthValue)
            {
                int row = order[p];
                if (nths!.IsNull(row))
                {
                    q = -1;
                }
                else
                {
                    int k = nths.Buffer[row];
                    if (k <= 0)
                    {
                        throw new SqlException(SqlState.InvalidArgumentForNthValueFunction, "argument of nth_value must be greater than zero");
                    }

                    q = (long)s + k - 1;
                }
            }
            else
            {
                q = kind == WindowFunctionKind.FirstValue ? s : e - 1;
            }

            if (q >= s && q < e)
            {
                source[p] = order[q];
            }
            else
            {
                source[p] = nullIndex;
                needsNull = true;
            }
        }

        return Gather(value, null, needsNull, source);
    }

    /// <summary>Gathers <paramref name="source"/> from the values, then the defaults, then one NULL row.</summary>
    internal static Column Gather(Column value, Column? defaultValue, bool needsNull, int[] source)
    {
        if (defaultValue is null && !needsNull)
        {
            return ColumnFactory.Take(value, source);
        }

        var parts = new List<Column>(3) { value };
        if (defaultValue is not null)
        {
            parts.Add(defaultValue);
        }

        if (needsNull)
        {
            parts.Add(NullColumns.Create(value.Type, 1));
        }

        return ColumnFactory.Take(ColumnFactory.Concat(value.Type, parts), source);
    }
}
