using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>Floats: the bit pattern, with -0 folded into 0 and every NaN into one NaN (they are equal in SQL).</summary>
internal sealed class FloatKeyEncoder(DataType type) : KeyEncoder
{
    /// <inheritdoc/>
    public override void Encode(Column column, Span<long> codes, Span<ulong> nullMask, ulong nullBit)
    {
        if (column is PrimitiveColumn<float> f)
        {
            for (int i = 0; i < f.Length; i++)
            {
                codes[i] = Code(f.Values[i]);
            }
        }
        else
        {
            ReadOnlySpan<double> values = ((PrimitiveColumn<double>)column).Values;
            for (int i = 0; i < values.Length; i++)
            {
                codes[i] = Code(values[i]);
            }
        }

        MarkNulls(column, codes, nullMask, nullBit);
    }

    /// <summary>The code of one value.</summary>
    private static long Code(double v) => double.IsNaN(v) ? BitConverter.DoubleToInt64Bits(double.NaN) : BitConverter.DoubleToInt64Bits(v == 0 ? 0.0 : v);

    /// <inheritdoc/>
    public override Column Decode(ReadOnlySpan<long> codes, ReadOnlySpan<bool> isNull)
    {
        byte[]? validity = Validity(isNull, out int nullCount);
        int n = codes.Length;
        if (type == DataType.Float32)
        {
            var floats = new float[n];
            for (int i = 0; i < n; i++)
            {
                floats[i] = (float)BitConverter.Int64BitsToDouble(codes[i]);
            }

            return new PrimitiveColumn<float>(type, floats, n, validity, nullCount);
        }

        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = BitConverter.Int64BitsToDouble(codes[i]);
        }

        return new PrimitiveColumn<double>(type, values, n, validity, nullCount);
    }
}
