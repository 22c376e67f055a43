using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>array[index]: the element at a 1-based index; NULL when the array or index is NULL or the index is out of range.</summary>
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
            int at = index[i];
            indices[i] = list.IsValid(i) && indexColumn.IsValid(i) && at >= 1 && at <= list.CountOf(i) ? list.StartOf(i) + at - 1 : -1;
        }

        return ListKernels.TakeOrNull(list.Values, elementType, indices);
    }
}
