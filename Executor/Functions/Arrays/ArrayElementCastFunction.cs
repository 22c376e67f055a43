using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>array::othertype[]: every element cast at once (one cast over the whole child column); the row structure is kept.</summary>
public sealed class ArrayElementCastFunction(DataType target) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "array_cast";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.List;

    /// <inheritdoc/>
    public override DataType ReturnElementType => target;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var list = (ListColumn)args[0];
        Column cast = list.Values.Type == target ? list.Values : CastKernels.Cast(list.Values, target);
        return new ListColumn(list.Offsets.ToArray(), cast, length, list.ValidityBuffer, list.NullCount) { LowerBound = list.LowerBound };
    }
}
