using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.SetReturning;

/// <summary>
/// One field of information_schema._pg_expandarray(anyarray), which yields a row (x, n) per element:
/// x the element, n its 1-based position whatever the array's lower bound (pg_index.indkey counts
/// from 0, n still from 1). A select list naming both fields runs them in lock step, as PostgreSQL's
/// two calls of the function do.
/// </summary>
public sealed class ExpandArrayFunction(bool position, DataType elementType) : SetFunction
{
    /// <summary>Gives the element (field x).</summary>
    private readonly UnnestFunction _elements = new(elementType);

    /// <inheritdoc/>
    public override string Name => position ? "n" : "x";

    /// <inheritdoc/>
    public override DataType ReturnType => position ? DataType.Int32 : elementType;

    /// <inheritdoc/>
    public override int CountOf(Column[] args, int row) => ((ListColumn)args[0]).CountOf(row);

    /// <inheritdoc/>
    public override Column Produce(Column[] args, ReadOnlySpan<int> rows, ReadOnlySpan<int> ordinals)
    {
        if (!position)
        {
            return _elements.Produce(args, rows, ordinals);
        }

        var values = new int[rows.Length];
        byte[]? validity = null;
        int nullCount = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (ordinals[i] < 0)
            {
                validity ??= GenerateSubscriptsFunction.AllValid(values.Length);
                BitUtil.Clear(validity, i);
                nullCount++;
                continue;
            }

            values[i] = ordinals[i] + 1;
        }

        return new PrimitiveColumn<int>(DataType.Int32, values, values.Length, validity, nullCount);
    }
}
