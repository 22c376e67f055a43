using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>ARRAY[e1, ..., en]: each row gets the n argument values, in order, as one array.</summary>
public sealed class ArrayConstructFunction(DataType elementType) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "array";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.List;

    /// <inheritdoc/>
    public override DataType ReturnElementType => elementType;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        int n = args.Length;
        var offsets = new int[length + 1];
        for (int i = 0; i <= length; i++)
        {
            offsets[i] = i * n;
        }

        if (n == 0)
        {
            return new ListColumn(offsets, ColumnBuilder.Create(elementType, 0).Build(), length);
        }

        // The arguments laid end to end are argument-major; one gather makes them row-major.
        Column all = ColumnFactory.Concat(elementType, args);
        var indices = new int[n * length];
        for (int i = 0; i < length; i++)
        {
            for (int k = 0; k < n; k++)
            {
                indices[(i * n) + k] = (k * length) + i;
            }
        }

        return new ListColumn(offsets, ColumnFactory.Take(all, indices), length);
    }
}
