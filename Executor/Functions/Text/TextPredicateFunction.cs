using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// starts_with(text, prefix) → boolean and strpos(text, sub) / position(sub IN text) → integer
/// (1-based character position of the first occurrence, 0 when absent, 1 for an empty sub).
/// NULL when either argument is NULL.
/// </summary>
public sealed class TextPredicateFunction(bool startsWith) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => startsWith ? "starts_with" : "strpos";

    /// <inheritdoc/>
    public override DataType ReturnType => startsWith ? DataType.Boolean : DataType.Int32;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        byte[]? validity = Kernels.Bitmaps.And(args[0], args[1], length, out int nullCount);
        if (startsWith)
        {
            var bits = new byte[BitUtil.BytesFor(length)];
            for (int i = 0; i < length; i++)
            {
                if ((validity is null || BitUtil.Get(validity, i))
                    && Kernels.ColumnFactory.Utf8(args[0], i).StartsWith(Kernels.ColumnFactory.Utf8(args[1], i)))
                {
                    BitUtil.Set(bits, i);
                }
            }

            return new BooleanColumn(bits, length, validity, nullCount);
        }

        var positions = new int[length];
        for (int i = 0; i < length; i++)
        {
            if (validity is not null && !BitUtil.Get(validity, i))
            {
                continue;
            }

            ReadOnlySpan<byte> text = Kernels.ColumnFactory.Utf8(args[0], i);
            int at = text.IndexOf(Kernels.ColumnFactory.Utf8(args[1], i));
            positions[i] = at < 0 ? 0 : Utf8Chars.Count(text[..at]) + 1;
        }

        return new PrimitiveColumn<int>(DataType.Int32, positions, length, validity, nullCount);
    }
}
