using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>Integral, boolean and time types: the value is the code.</summary>
internal sealed class IntegerKeyEncoder(DataType type) : KeyEncoder
{
    /// <inheritdoc/>
    public override void Encode(Column column, Span<long> codes, Span<ulong> nullMask, ulong nullBit)
    {
        switch (column)
        {
            case PrimitiveColumn<long> c:
                c.Values.CopyTo(codes);
                break;
            case PrimitiveColumn<int> c:
                for (int i = 0; i < c.Length; i++)
                {
                    codes[i] = c.Values[i];
                }

                break;
            case PrimitiveColumn<short> c:
                for (int i = 0; i < c.Length; i++)
                {
                    codes[i] = c.Values[i];
                }

                break;
            case BooleanColumn b:
                for (int i = 0; i < b.Length; i++)
                {
                    codes[i] = b.GetValue(i) ? 1 : 0;
                }

                break;
        }

        MarkNulls(column, codes, nullMask, nullBit);
    }

    /// <inheritdoc/>
    public override Column Decode(ReadOnlySpan<long> codes, ReadOnlySpan<bool> isNull)
    {
        byte[]? validity = Validity(isNull, out int nullCount);
        int n = codes.Length;
        switch (type)
        {
            case DataType.Int16:
            {
                var values = new short[n];
                for (int i = 0; i < n; i++)
                {
                    values[i] = (short)codes[i];
                }

                return new PrimitiveColumn<short>(type, values, n, validity, nullCount);
            }

            case DataType.Int32:
            case DataType.Date:
            {
                var values = new int[n];
                for (int i = 0; i < n; i++)
                {
                    values[i] = (int)codes[i];
                }

                return new PrimitiveColumn<int>(type, values, n, validity, nullCount);
            }

            case DataType.Boolean:
            {
                var bits = new byte[BitUtil.BytesFor(n)];
                for (int i = 0; i < n; i++)
                {
                    if (codes[i] != 0)
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                return new BooleanColumn(bits, n, validity, nullCount);
            }

            default:
                return new PrimitiveColumn<long>(type, codes.ToArray(), n, validity, nullCount);
        }
    }
}
