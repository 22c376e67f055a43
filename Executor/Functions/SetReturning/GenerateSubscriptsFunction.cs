using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.SetReturning;

/// <summary>
/// generate_subscripts(array, dim [, reverse]): the valid subscripts of dimension dim, from the
/// array's lower bound (1, or 0 for int2vector / oidvector) up, or down when reverse is true. Arrays
/// are one-dimensional, so any dim other than 1, and a NULL array or dim, yield no rows.
/// </summary>
public sealed class GenerateSubscriptsFunction : SetFunction
{
    /// <inheritdoc/>
    public override string Name => "generate_subscripts";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Int32;

    /// <inheritdoc/>
    public override int CountOf(Column[] args, int row)
    {
        var dims = (PrimitiveColumn<int>)args[1];
        return dims.IsNull(row) || dims.Values[row] != 1 ? 0 : ((ListColumn)args[0]).CountOf(row);
    }

    /// <inheritdoc/>
    public override Column Produce(Column[] args, ReadOnlySpan<int> rows, ReadOnlySpan<int> ordinals)
    {
        var list = (ListColumn)args[0];
        BooleanColumn? reverse = args.Length > 2 ? (BooleanColumn)args[2] : null;
        var values = new int[rows.Length];
        byte[]? validity = null;
        int nullCount = 0;
        for (int i = 0; i < values.Length; i++)
        {
            int ordinal = ordinals[i];
            if (ordinal < 0)
            {
                validity ??= AllValid(values.Length);
                BitUtil.Clear(validity, i);
                nullCount++;
                continue;
            }

            int row = rows[i];
            bool down = reverse is not null && reverse.IsValid(row) && reverse.GetValue(row);
            values[i] = list.LowerBound + (down ? list.CountOf(row) - 1 - ordinal : ordinal);
        }

        return new PrimitiveColumn<int>(DataType.Int32, values, values.Length, validity, nullCount);
    }

    /// <summary>A validity bitmap with every row set.</summary>
    internal static byte[] AllValid(int length)
    {
        var bits = new byte[BitUtil.BytesFor(length)];
        for (int i = 0; i < length; i++)
        {
            BitUtil.Set(bits, i);
        }

        return bits;
    }
}
