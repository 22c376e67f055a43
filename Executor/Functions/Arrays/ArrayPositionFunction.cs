using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>
/// array_position(a, x [, start]): the 1-based index of the first element IS NOT DISTINCT FROM x
/// (so NULL finds a NULL element), at or after start; NULL when there is none or the array is NULL.
/// The element comparisons of a batch run in one kernel call.
/// </summary>
public sealed class ArrayPositionFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "array_position";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Int32;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var list = (ListColumn)args[0];
        Column needle = args[1];
        Column? start = args.Length > 2 ? args[2] : null;
        int[] rows = ListKernels.RowOfElements(list);
        Column repeated = ColumnFactory.Take(needle, rows);
        BooleanColumn equal = ComparisonKernels.Compare(CompareOp.Equal, repeated, list.Values, rows.Length, rightConstant: false);
        var result = new int[length];
        var validity = new byte[BitUtil.BytesFor(length)];
        int nullCount = 0;
        for (int i = 0; i < length; i++)
        {
            int found = 0;
            if (list.IsValid(i) && (start is null || start.IsValid(i)))
            {
                int from = start is null ? 1 : Math.Max(1, ((PrimitiveColumn<int>)start).Values[i]);
                int first = list.StartOf(i);
                bool needleNull = needle.IsNull(i);
                for (int k = first + from - 1; k < list.StartOf(i + 1); k++)
                {
                    bool match = needleNull ? list.Values.IsNull(k) : equal.IsValid(k) && equal.GetValue(k);
                    if (match)
                    {
                        found = k - first + 1;
                        break;
                    }
                }
            }

            if (found == 0)
            {
                nullCount++;
                continue;
            }

            result[i] = found;
            BitUtil.Set(validity, i);
        }

        return new PrimitiveColumn<int>(DataType.Int32, result, length, validity, nullCount);
    }
}
