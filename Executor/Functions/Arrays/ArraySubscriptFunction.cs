using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>array[index]: the element at an index counted from the array's lower bound (1 unless a vector type); NULL when the array or index is NULL or the index is out of range.</summary>
public sealed class ArraySubscriptFunction(DataType elementType) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "array_subscript";

    /// <inheritdoc/>
    public override DataType ReturnType => elementType;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var list = (ListColumn)args[0];
        ReadOnlySpan<int> index = ((PrimitiveColumn<int>)args[1]).Values;
        Column indexColumn = args[1];
        var indices = new int[length];
        for (int i = 0; i < length; i++)
        {
            // Subscripts count from the lower bound (1; 0 for int2vector and oidvector).
            long at = (long)index[i] - list.LowerBound;
            indices[i] = list.IsValid(i) && indexColumn.IsValid(i) && at >= 0 && at < list.CountOf(i) ? list.StartOf(i) + (int)at : -1;
        }

        return ListKernels.TakeOrNull(list.Values, elementType, indices);
    }
}
