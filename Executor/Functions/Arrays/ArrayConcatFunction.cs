using System.Runtime.InteropServices;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>The operand shapes of <see cref="ArrayConcatFunction"/>.</summary>
public enum ArrayConcatKind
{
    /// <summary>array || array, array_cat: a NULL operand counts as empty; both NULL is NULL.</summary>
    ArrayArray,
    /// <summary>array || element, array_append: a NULL array counts as empty.</summary>
    ArrayElement,
    /// <summary>element || array, array_prepend: a NULL array counts as empty.</summary>
    ElementArray,
}

/// <summary>
/// Array concatenation. Both operands' elements are laid into one column and every result row is
/// gathered from it in one pass: no per-element boxing.
/// </summary>
public sealed class ArrayConcatFunction(DataType elementType, ArrayConcatKind kind, string name) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => name;

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.List;

    /// <inheritdoc/>
    public override DataType ReturnElementType => elementType;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        ListColumn? left = args[0] as ListColumn;
        ListColumn? right = args[1] as ListColumn;
        Column leftValues = left?.Values ?? args[0];
        Column rightValues = right?.Values ?? args[1];
        Column all = ColumnFactory.Concat(elementType, [leftValues, rightValues]);
        int rightBase = leftValues.Length;
        var offsets = new int[length + 1];
        var validity = new byte[BitUtil.BytesFor(length)];
        int nullCount = 0;
        var picked = new List<int>(all.Length);
        for (int i = 0; i < length; i++)
        {
            if (kind == ArrayConcatKind.ArrayArray && left!.IsNull(i) && right!.IsNull(i))
            {
                nullCount++;
                offsets[i + 1] = picked.Count;
                continue;
            }

            BitUtil.Set(validity, i);
            AddRange(picked, left, i, 0);
            AddRange(picked, right, i, rightBase);
            offsets[i + 1] = picked.Count;
        }

        return new ListColumn(offsets, ColumnFactory.Take(all, CollectionsMarshal.AsSpan(picked)), length, validity, nullCount);
    }

    /// <summary>Adds row <paramref name="row"/>'s elements of an array operand, or the element operand's own row.</summary>
    private static void AddRange(List<int> picked, ListColumn? list, int row, int baseIndex)
    {
        if (list is null)
        {
            picked.Add(baseIndex + row);
            return;
        }

        if (list.IsNull(row))
        {
            return;
        }

        for (int k = list.StartOf(row); k < list.StartOf(row + 1); k++)
        {
            picked.Add(baseIndex + k);
        }
    }
}
