using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.SetReturning;

/// <summary>unnest(anyarray): the elements of each array in order; a NULL or empty array yields no rows.</summary>
public sealed class UnnestFunction(DataType elementType) : SetFunction
{
    /// <inheritdoc/>
    public override string Name => "unnest";

    /// <inheritdoc/>
    public override DataType ReturnType => elementType;

    /// <inheritdoc/>
    public override int CountOf(Column[] args, int row) => ((ListColumn)args[0]).CountOf(row);

    /// <inheritdoc/>
    public override Column Produce(Column[] args, ReadOnlySpan<int> rows, ReadOnlySpan<int> ordinals)
    {
        var list = (ListColumn)args[0];
        Column values = list.Values;
        bool padded = ordinals.Contains(-1);

        // Padding points one past the elements, at a single NULL row appended to them.
        int nullRow = values.Length;
        var indices = new int[rows.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = ordinals[i] < 0 ? nullRow : list.StartOf(rows[i]) + ordinals[i];
        }

        Column source = padded ? ColumnFactory.Concat(values.Type, [values, NullColumns.Create(values.Type, 1)]) : values;
        return ColumnFactory.Take(source, indices);
    }
}
