using System.Text;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Text;

namespace IOx.Pg.Executor.Kernels;

/// <summary>
/// Vectorized type conversion with PostgreSQL's semantics: float to integer rounds half to even
/// (rint), numeric to integer rounds half away from zero, out-of-range values are 22003, text input
/// follows <see cref="ValueText"/>, date and timestamp conversions assume the session zone UTC.
/// The binder decides which casts exist; this class only performs them.
/// </summary>
public static class CastKernels
{
    /// <summary>Whether a cast from <paramref name="from"/> to <paramref name="to"/> exists.</summary>
    public static bool CanCast(DataType from, DataType to)
    {
        if (from == to || from == DataType.Null || from == DataType.Utf8 || to == DataType.Utf8)
        {
            return true;
        }

        bool fromNum = TypeNames.IsNumeric(from);
        bool toNum = TypeNames.IsNumeric(to);
        if (fromNum && toNum)
        {
            return true;
        }

        if ((from == DataType.Boolean && to == DataType.Int32) || (from == DataType.Int32 && to == DataType.Boolean))
        {
            return true;
        }

        bool fromTime = from is DataType.Timestamp or DataType.TimestampNoTz or DataType.Date;
        bool toTime = to is DataType.Timestamp or DataType.TimestampNoTz or DataType.Date;
        return fromTime && toTime;
    }

    /// <summary>Converts <paramref name="input"/> to <paramref name="to"/>.</summary>
    public static Column Cast(Column input, DataType to)
    {
        DataType from = input.Type;
        if (from == to && !(to == DataType.UInt64))
        {
            return input;
        }

        int n = input.Length;
        if (input.NullCount == n && n > 0 || from == DataType.Null)
        {
            return NullColumns.Create(to, n);
        }

        if (to == DataType.Utf8)
        {
            return ToText(input);
        }

        if (from == DataType.Utf8)
        {
            return FromText(input, to);
        }

        try
        {
            switch (to)
            {
                case DataType.Int16:
                case DataType.Int32:
                case DataType.Int64:
                    return ToInteger(input, to);
                case DataType.Float32:
                case DataType.Float64:
                    return ToFloat(input, to);
                case DataType.Numeric:
                    return ToNumeric(input);
                case DataType.Boolean when input is PrimitiveColumn<int> ints:
                {
                    var bits = new byte[BitUtil.BytesFor(n)];
                    for (int i = 0; i < n; i++)
                    {
                        if (ints.Values[i] != 0)
                        {
                            BitUtil.Set(bits, i);
                        }
                    }

                    return new BooleanColumn(bits, n, input.ValidityBuffer, input.NullCount);
                }

                case DataType.Timestamp:
                case DataType.TimestampNoTz:
                    return ToTimestamp(input, to);
                case DataType.Date:
                    return ToDate(input);
            }
        }
        catch (OverflowException)
        {
            throw ArithmeticKernels.OutOfRange(to);
        }

        throw new SqlException(SqlState.CannotCoerce, $"cannot cast type {TypeNames.SqlName(from)} to {TypeNames.SqlName(to)}");
    }

    /// <summary>Any integral, float or numeric column to a signed integer type.</summary>
    private static Column ToInteger(Column input, DataType to)
    {
        int n = input.Length;
        var wide = new long[n];
        bool hasNulls = input.NullCount > 0;
        switch (input)
        {
            case PrimitiveColumn<short> c:
                for (int i = 0; i < n; i++)
                {
                    wide[i] = c.Values[i];
                }

                break;
            case PrimitiveColumn<int> c:
                for (int i = 0; i < n; i++)
                {
                    wide[i] = c.Values[i];
                }

                break;
            case PrimitiveColumn<long> c:
                c.Values.CopyTo(wide);
                break;
            case PrimitiveColumn<ulong> c:
                for (int i = 0; i < n; i++)
                {
                    wide[i] = hasNulls && c.IsNull(i) ? 0 : checked((long)c.Values[i]);
                }

                break;
            case PrimitiveColumn<float> c:
                for (int i = 0; i < n; i++)
                {
                    wide[i] = hasNulls && c.IsNull(i) ? 0 : FloatToLong(Math.Round((double)c.Values[i], MidpointRounding.ToEven), to);
                }

                break;
            case PrimitiveColumn<double> c:
                for (int i = 0; i < n; i++)
                {
                    wide[i] = hasNulls && c.IsNull(i) ? 0 : FloatToLong(Math.Round(c.Values[i], MidpointRounding.ToEven), to);
                }

                break;
            case PrimitiveColumn<decimal> c:
                for (int i = 0; i < n; i++)
                {
                    wide[i] = hasNulls && c.IsNull(i) ? 0 : checked((long)Math.Round(c.Values[i], MidpointRounding.AwayFromZero));
                }

                break;
            case BooleanColumn b:
                for (int i = 0; i < n; i++)
                {
                    wide[i] = b.GetValue(i) ? 1 : 0;
                }

                break;
            default:
                throw new SqlException(SqlState.CannotCoerce, $"cannot cast type {TypeNames.SqlName(input.Type)} to {TypeNames.SqlName(to)}");
        }

        switch (to)
        {
            case DataType.Int64:
                return new PrimitiveColumn<long>(to, wide, n, input.ValidityBuffer, input.NullCount);
            case DataType.Int32:
            {
                var result = new int[n];
                for (int i = 0; i < n; i++)
                {
                    result[i] = checked((int)wide[i]);
                }

                return new PrimitiveColumn<int>(to, result, n, input.ValidityBuffer, input.NullCount);
            }

            default:
            {
                var result = new short[n];
                for (int i = 0; i < n; i++)
                {
                    result[i] = checked((short)wide[i]);
                }

                return new PrimitiveColumn<short>(to, result, n, input.ValidityBuffer, input.NullCount);
            }
        }
    }

    /// <summary>A rounded float as a long, 22003 when out of range or not a number.</summary>
    private static long FloatToLong(double rounded, DataType to)
    {
        if (double.IsNaN(rounded) || rounded < -9.2233720368547758E+18 || rounded >= 9.2233720368547758E+18)
        {
            throw ArithmeticKernels.OutOfRange(to);
        }

        return (long)rounded;
    }

    /// <summary>Any numeric column to real or double precision.</summary>
    private static Column ToFloat(Column input, DataType to)
    {
        int n = input.Length;
        var wide = new double[n];
        switch (input)
        {
            case PrimitiveColumn<short> c:
                Widen(c.Values, wide);
                break;
            case PrimitiveColumn<int> c:
                Widen(c.Values, wide);
                break;
            case PrimitiveColumn<long> c:
                Widen(c.Values, wide);
                break;
            case PrimitiveColumn<ulong> c:
                Widen(c.Values, wide);
                break;
            case PrimitiveColumn<float> c:
                Widen(c.Values, wide);
                break;
            case PrimitiveColumn<double> c:
                c.Values.CopyTo(wide);
                break;
            case PrimitiveColumn<decimal> c:
                for (int i = 0; i < n; i++)
                {
                    wide[i] = (double)c.Values[i];
                }

                break;
            default:
                throw new SqlException(SqlState.CannotCoerce, $"cannot cast type {TypeNames.SqlName(input.Type)} to {TypeNames.SqlName(to)}");
        }

        if (to == DataType.Float64)
        {
            return new PrimitiveColumn<double>(to, wide, n, input.ValidityBuffer, input.NullCount);
        }

        var result = new float[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = (float)wide[i];
            if (float.IsInfinity(result[i]) && !double.IsInfinity(wide[i]))
            {
                throw ArithmeticKernels.OutOfRange(DataType.Float32);
            }
        }

        return new PrimitiveColumn<float>(to, result, n, input.ValidityBuffer, input.NullCount);
    }

    /// <summary>Any numeric column to numeric (decimal); a float keeps 15 significant digits, as PostgreSQL's float8 to numeric does.</summary>
    private static Column ToNumeric(Column input)
    {
        int n = input.Length;
        var result = new decimal[n];
        bool hasNulls = input.NullCount > 0;
        switch (input)
        {
            case PrimitiveColumn<short> c:
                Widen(c.Values, result);
                break;
            case PrimitiveColumn<int> c:
                Widen(c.Values, result);
                break;
            case PrimitiveColumn<long> c:
                Widen(c.Values, result);
                break;
            case PrimitiveColumn<ulong> c:
                Widen(c.Values, result);
                break;
            case PrimitiveColumn<decimal> c:
                c.Values.CopyTo(result);
                break;
            case PrimitiveColumn<float> c:
                for (int i = 0; i < n; i++)
                {
                    result[i] = hasNulls && c.IsNull(i) ? 0 : FloatToDecimal(c.Values[i]);
                }

                break;
            case PrimitiveColumn<double> c:
                for (int i = 0; i < n; i++)
                {
                    result[i] = hasNulls && c.IsNull(i) ? 0 : FloatToDecimal(c.Values[i]);
                }

                break;
            default:
                throw new SqlException(SqlState.CannotCoerce, $"cannot cast type {TypeNames.SqlName(input.Type)} to numeric");
        }

        return new PrimitiveColumn<decimal>(DataType.Numeric, result, n, input.ValidityBuffer, input.NullCount);
    }

    /// <summary>A finite float as decimal; NaN and infinities have no numeric representation here.</summary>
    private static decimal FloatToDecimal(double value)
    {
        if (!double.IsFinite(value))
        {
            throw SqlException.NotSupported("numeric NaN and infinity");
        }

        return (decimal)value;
    }

    /// <summary>date, timestamp or timestamptz to timestamp or timestamptz (same instant: the session zone is UTC).</summary>
    private static Column ToTimestamp(Column input, DataType to)
    {
        int n = input.Length;
        if (input is PrimitiveColumn<long> ts)
        {
            return new PrimitiveColumn<long>(to, ts.Buffer, n, input.ValidityBuffer, input.NullCount);
        }

        var days = (PrimitiveColumn<int>)input;
        var result = new long[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = days.Values[i] * ValueText.NsPerDay;
        }

        return new PrimitiveColumn<long>(to, result, n, input.ValidityBuffer, input.NullCount);
    }

    /// <summary>timestamp or timestamptz to date (the UTC calendar day).</summary>
    private static Column ToDate(Column input)
    {
        var ts = (PrimitiveColumn<long>)input;
        int n = input.Length;
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = (int)Math.Floor(ts.Values[i] / (double)ValueText.NsPerDay);
        }

        return new PrimitiveColumn<int>(DataType.Date, result, n, input.ValidityBuffer, input.NullCount);
    }

    /// <summary>
    /// Converts every value to a wider type that holds it (exactly, or for integers to double
    /// rounded as a C# cast rounds); the JIT specialises the loop per pair of value types.
    /// </summary>
    private static void Widen<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : unmanaged, System.Numerics.INumberBase<TFrom>
        where TTo : unmanaged, System.Numerics.INumberBase<TTo>
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = TTo.CreateTruncating(source[i]);
        }
    }

    /// <summary>Formats each value in PostgreSQL's text output.</summary>
    private static Column ToText(Column input)
    {
        var builder = new StringColumnBuilder(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            if (input is StringColumn { Type: DataType.Binary } bytes)
            {
                // byteaout's hex form; the binder binds bytea::text to ByteaOutFunction, which follows bytea_output.
                builder.Append(ByteaText.FormatHex(bytes.GetBytes(i)));
                continue;
            }

            if (input is DictionaryColumn or StringColumn)
            {
                builder.Append(ColumnFactory.Utf8(input, i));
                continue;
            }

            builder.Append(ColumnFactory.GetScalar(input, i).ToString());
        }

        return builder.Build();
    }

    /// <summary>Parses each text value as <paramref name="to"/>; a dictionary column parses each entry once.</summary>
    private static Column FromText(Column input, DataType to)
    {
        ColumnBuilder builder = ColumnBuilder.Create(to == DataType.UInt64 ? DataType.Numeric : to, input.Length);
        if (input is DictionaryColumn dictionary)
        {
            // Tags repeat: parse each distinct value once, on its first row, then reuse it. Only
            // entries some row refers to are parsed (a filtered batch keeps its whole dictionary,
            // and an entry no row uses must not raise a parse error).
            StringColumn entries = dictionary.Dictionary;
            var parsed = new object?[entries.Length];
            ReadOnlySpan<int> indices = dictionary.Indices;
            for (int i = 0; i < input.Length; i++)
            {
                if (input.IsNull(i))
                {
                    builder.AppendNull();
                    continue;
                }

                int entry = indices[i];
                AppendBoxed(builder, parsed[entry] ??= ValueText.Parse(to, entries.GetString(entry)));
            }

            return builder.Build();
        }

        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            object value = ValueText.Parse(to, Encoding.UTF8.GetString(ColumnFactory.Utf8(input, i)));
            AppendBoxed(builder, value);
        }

        return builder.Build();
    }

    /// <summary>Appends a boxed value (slow path: text input only).</summary>
    public static void AppendBoxed(ColumnBuilder builder, object? value)
    {
        if (value is null)
        {
            builder.AppendNull();
            return;
        }

        switch (builder)
        {
            case BooleanColumnBuilder b:
                b.Append((bool)value);
                break;
            case PrimitiveColumnBuilder<short> b:
                b.Append((short)value);
                break;
            case PrimitiveColumnBuilder<int> b:
                b.Append((int)value);
                break;
            case PrimitiveColumnBuilder<long> b:
                b.Append((long)value);
                break;
            case PrimitiveColumnBuilder<ulong> b:
                b.Append((ulong)value);
                break;
            case PrimitiveColumnBuilder<float> b:
                b.Append((float)value);
                break;
            case PrimitiveColumnBuilder<double> b:
                b.Append((double)value);
                break;
            case PrimitiveColumnBuilder<decimal> b:
                b.Append((decimal)value);
                break;
            case PrimitiveColumnBuilder<Interval> b:
                b.Append((Interval)value);
                break;
            case StringColumnBuilder b when value is byte[] bytes:
                b.Append(bytes);
                break;
            case StringColumnBuilder b:
                b.Append((string)value);
                break;
            default:
                throw new NotSupportedException(builder.GetType().Name);
        }
    }
}
