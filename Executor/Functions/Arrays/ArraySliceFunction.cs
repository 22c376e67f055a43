using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>
/// array[lower:upper]: the elements from lower to upper (1-based, inclusive), clipped to the array;
/// an empty range is the empty array; a NULL array or bound is NULL. Arguments: the array, then
/// lower if <paramref name="hasLower"/>, then upper if <paramref name="hasUpper"/> (an omitted bound is open).
/// </summary>
public sealed class ArraySliceFunction(DataType elementType, bool hasLower, bool hasUpper) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "array_slice";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.List;

    /// <inheritdoc/>
    public override DataType ReturnElementType => elementType;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var list = (ListColumn)args[0];
        Column? lowerColumn = hasLower ? args[1] : null;
        Column? upperColumn = hasUpper ? args[hasLower ? 2 : 1] : null;
        var offsets = new int[length + 1];
        var validity = new byte[BitUtil.BytesFor(length)];
        int nullCount = 0;
        var picked = new List<int>(list.Values.Length);
        for (int i = 0; i < length; i++)
        {
            bool valid = list.IsValid(i) && (lowerColumn is null || lowerColumn.IsValid(i)) && (upperColumn is null || upperColumn.IsValid(i));
            if (valid)
            {
                BitUtil.Set(validity, i);
                int count = list.CountOf(i);
                long lower = lowerColumn is null ? 1 : Math.Max(1, ((PrimitiveColumn<int>)lowerColumn).Values[i]);
                long upper = upperColumn is null ? count : Math.Min(count, ((PrimitiveColumn<int>)upperColumn).Values[i]);
                for (long k = lower; k <= upper; k++)
                {
                    picked.Add(list.StartOf(i) + (int)k - 1);
                }
            }
            else
            {
                nullCount++;
            }

            offsets[i + 1] = picked.Count;
        }

        Column values = ColumnFactory.Take(list.Values, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(picked));
        return new ListColumn(offsets, values, length, validity, nullCount);
    }
}
