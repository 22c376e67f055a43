using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>Which fact about an array's shape <see cref="ArrayDimensionFunction"/> answers.</summary>
public enum ArrayDimension
{
    /// <summary>array_length(a, dim): the length of dimension dim; NULL for an empty array or another dimension.</summary>
    Length,
    /// <summary>array_upper(a, dim): the upper bound (the length, as the lower bound is 1).</summary>
    Upper,
    /// <summary>array_lower(a, dim): the lower bound, 1.</summary>
    Lower,
    /// <summary>cardinality(a): the number of elements, 0 for an empty array.</summary>
    Cardinality,
    /// <summary>array_ndims(a): 1, NULL for an empty array.</summary>
    Dimensions,
}

/// <summary>array_length, array_upper, array_lower, cardinality, array_ndims over one-dimensional arrays: integer.</summary>
public sealed class ArrayDimensionFunction(ArrayDimension kind) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => kind switch
    {
        ArrayDimension.Length => "array_length",
        ArrayDimension.Upper => "array_upper",
        ArrayDimension.Lower => "array_lower",
        ArrayDimension.Dimensions => "array_ndims",
        _ => "cardinality",
    };

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Int32;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var list = (ListColumn)args[0];
        Column? dimension = args.Length > 1 ? args[1] : null;
        var result = new int[length];
        var validity = new byte[BitUtil.BytesFor(length)];
        int nullCount = 0;
        for (int i = 0; i < length; i++)
        {
            int count = list.CountOf(i);
            bool valid = list.IsValid(i) && (kind == ArrayDimension.Cardinality || count > 0)
                && (dimension is null || (dimension.IsValid(i) && ((PrimitiveColumn<int>)dimension).Values[i] == 1));
            if (!valid)
            {
                nullCount++;
                continue;
            }

            BitUtil.Set(validity, i);
            result[i] = kind switch
            {
                ArrayDimension.Lower => list.LowerBound,
                ArrayDimension.Upper => list.LowerBound + count - 1,
                ArrayDimension.Dimensions => 1,
                _ => count,
            };
        }

        return new PrimitiveColumn<int>(DataType.Int32, result, length, validity, nullCount);
    }
}
