using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// Turns one GROUP BY column into a 64-bit code per row, equal codes meaning equal values, and
/// turns codes back into a column for the output. Integers and timestamps are their own code,
/// floats their normalised bit pattern, text an interned id (a dictionary column interns each
/// entry once per batch), other types an id from a value table. NULL rows set their bit in the
/// row's null mask and get code 0.
/// </summary>
internal abstract class KeyEncoder
{
    /// <summary>Encodes every row of <paramref name="column"/>.</summary>
    public abstract void Encode(Column column, Span<long> codes, Span<ulong> nullMask, ulong nullBit);

    /// <summary>The key column for groups whose codes are <paramref name="codes"/>.</summary>
    public abstract Column Decode(ReadOnlySpan<long> codes, ReadOnlySpan<bool> isNull);

    /// <summary>An encoder for <paramref name="type"/>.</summary>
    public static KeyEncoder Create(DataType type) => type switch
    {
        DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Timestamp or DataType.TimestampNoTz or DataType.Date or DataType.Boolean => new IntegerKeyEncoder(type),
        DataType.Float64 or DataType.Float32 => new FloatKeyEncoder(type),
        DataType.Utf8 => new TextKeyEncoder(),
        DataType.Numeric => new ValueKeyEncoder<decimal>(type),
        DataType.UInt64 => new ValueKeyEncoder<ulong>(type),
        DataType.Interval => new ValueKeyEncoder<Interval>(type),
        _ => new IntegerKeyEncoder(DataType.Int64),
    };

    /// <summary>Marks null rows in the mask.</summary>
    protected static void MarkNulls(Column column, Span<long> codes, Span<ulong> nullMask, ulong nullBit)
    {
        if (column.NullCount == 0)
        {
            return;
        }

        for (int i = 0; i < column.Length; i++)
        {
            if (column.IsNull(i))
            {
                nullMask[i] |= nullBit;
                codes[i] = 0;
            }
        }
    }

    /// <summary>A validity bitmap from per-group null flags.</summary>
    protected static byte[]? Validity(ReadOnlySpan<bool> isNull, out int nullCount)
    {
        nullCount = 0;
        foreach (bool n in isNull)
        {
            if (n)
            {
                nullCount++;
            }
        }

        if (nullCount == 0)
        {
            return null;
        }

        var validity = new byte[BitUtil.BytesFor(isNull.Length)];
        for (int g = 0; g < isNull.Length; g++)
        {
            if (!isNull[g])
            {
                BitUtil.Set(validity, g);
            }
        }

        return validity;
    }
}

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

/// <summary>Text: interned ids; a dictionary column interns each of its entries once per batch.</summary>
internal sealed class TextKeyEncoder : KeyEncoder
{
    /// <summary>Distinct strings seen.</summary>
    private readonly ByteInterner _interner = new();

    /// <summary>Interned id per dictionary entry of the current batch.</summary>
    private int[] _entryIds = new int[64];

    /// <summary>The interned ids of a dictionary's entries (valid until the next call).</summary>
    public ReadOnlySpan<int> MapDictionary(StringColumn dictionary)
    {
        if (_entryIds.Length < dictionary.Length)
        {
            _entryIds = new int[dictionary.Length * 2];
        }

        for (int d = 0; d < dictionary.Length; d++)
        {
            _entryIds[d] = _interner.Intern(dictionary.GetBytes(d));
        }

        return _entryIds.AsSpan(0, dictionary.Length);
    }

    /// <inheritdoc/>
    public override void Encode(Column column, Span<long> codes, Span<ulong> nullMask, ulong nullBit)
    {
        if (column is DictionaryColumn dictionary)
        {
            ReadOnlySpan<int> ids = MapDictionary(dictionary.Dictionary);
            ReadOnlySpan<int> indices = dictionary.Indices;
            for (int i = 0; i < indices.Length; i++)
            {
                codes[i] = ids[indices[i]];
            }
        }
        else
        {
            var text = (StringColumn)column;
            for (int i = 0; i < text.Length; i++)
            {
                codes[i] = _interner.Intern(text.GetBytes(i));
            }
        }

        MarkNulls(column, codes, nullMask, nullBit);
    }

    /// <inheritdoc/>
    public override Column Decode(ReadOnlySpan<long> codes, ReadOnlySpan<bool> isNull)
    {
        var builder = new StringColumnBuilder(codes.Length);
        for (int i = 0; i < codes.Length; i++)
        {
            if (isNull[i])
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(_interner.Get((int)codes[i]));
            }
        }

        return builder.Build();
    }
}

/// <summary>Other fixed-width types (numeric, unsigned, interval): ids from a value table.</summary>
internal sealed class ValueKeyEncoder<T>(DataType type) : KeyEncoder
    where T : unmanaged, IEquatable<T>
{
    /// <summary>Id by value.</summary>
    private readonly Dictionary<T, int> _ids = [];

    /// <summary>Value by id.</summary>
    private readonly List<T> _values = [];

    /// <inheritdoc/>
    public override void Encode(Column column, Span<long> codes, Span<ulong> nullMask, ulong nullBit)
    {
        ReadOnlySpan<T> values = ((PrimitiveColumn<T>)column).Values;
        for (int i = 0; i < values.Length; i++)
        {
            // decimal 1.0 and 1.00 are equal and hash alike, so they share a group, as in SQL.
            if (!_ids.TryGetValue(values[i], out int id))
            {
                id = _values.Count;
                _ids.Add(values[i], id);
                _values.Add(values[i]);
            }

            codes[i] = id;
        }

        MarkNulls(column, codes, nullMask, nullBit);
    }

    /// <inheritdoc/>
    public override Column Decode(ReadOnlySpan<long> codes, ReadOnlySpan<bool> isNull)
    {
        byte[]? validity = Validity(isNull, out int nullCount);
        var values = new T[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            values[i] = isNull[i] ? default : _values[(int)codes[i]];
        }

        return new PrimitiveColumn<T>(type, values, codes.Length, validity, nullCount);
    }
}
