using System.Text;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Kernels;

/// <summary>
/// Whole-column building blocks for operators: constant columns, gathering rows by index (filter,
/// sort, limit), concatenation (sort input), and reading one value back as a <see cref="ScalarValue"/>
/// (plan-time constant folding and tests only).
/// </summary>
public static class ColumnFactory
{
    /// <summary>A column repeating <paramref name="value"/> <paramref name="length"/> times.</summary>
    public static Column Constant(ScalarValue value, int length)
    {
        DataType type = value.Type == DataType.Null ? DataType.Utf8 : value.Type;
        if (type == DataType.List)
        {
            return ListKernels.Repeat(value.ElementType, (Column?)value.Value, length);
        }

        if (value.IsNull)
        {
            return NullColumns.Create(type, length);
        }

        switch (type)
        {
            case DataType.Boolean:
                var bits = new byte[BitUtil.BytesFor(length)];
                if ((bool)value.Value!)
                {
                    bits.AsSpan().Fill(0xFF);
                }

                return new BooleanColumn(bits, length);
            case DataType.Int16:
                return Fill(type, (short)value.Value!, length);
            case DataType.Int32:
            case DataType.Date:
                return Fill(type, (int)value.Value!, length);
            case DataType.Int64:
            case DataType.Timestamp:
            case DataType.TimestampNoTz:
                return Fill(type, (long)value.Value!, length);
            case DataType.UInt64:
                return Fill(type, (ulong)value.Value!, length);
            case DataType.Float32:
                return Fill(type, (float)value.Value!, length);
            case DataType.Float64:
                return Fill(type, (double)value.Value!, length);
            case DataType.Numeric:
                return Fill(type, (decimal)value.Value!, length);
            case DataType.Interval:
                return Fill(type, (Interval)value.Value!, length);
            case DataType.Utf8:
                // One dictionary entry shared by every row: constant text costs one copy of its bytes.
                var dictionary = new StringColumnBuilder(1);
                dictionary.Append((string)value.Value!);
                return new DictionaryColumn(new int[length], (StringColumn)dictionary.Build(), length);
            case DataType.Binary:
                return RepeatBytes((byte[])value.Value!, length);
            default:
                throw new NotSupportedException($"constant of {type}");
        }
    }

    /// <summary>A bytea column repeating <paramref name="bytes"/> (bytea has no dictionary form).</summary>
    private static StringColumn RepeatBytes(byte[] bytes, int length)
    {
        var offsets = new int[length + 1];
        var data = new byte[checked(bytes.Length * length)];
        for (int i = 0; i < length; i++)
        {
            bytes.CopyTo(data, i * bytes.Length);
            offsets[i + 1] = (i + 1) * bytes.Length;
        }

        return new StringColumn(DataType.Binary, offsets, data, length);
    }

    /// <summary>A primitive column filled with one value.</summary>
    private static PrimitiveColumn<T> Fill<T>(DataType type, T value, int length)
        where T : unmanaged
    {
        var values = new T[length];
        values.AsSpan().Fill(value);
        return new PrimitiveColumn<T>(type, values, length);
    }

    /// <summary>The rows of <paramref name="column"/> at <paramref name="indices"/>, in that order. Dictionary columns keep their dictionary.</summary>
    public static Column Take(Column column, ReadOnlySpan<int> indices)
    {
        int n = indices.Length;
        byte[]? validity = null;
        int nullCount = 0;
        if (column.NullCount > 0)
        {
            validity = new byte[BitUtil.BytesFor(n)];
            ReadOnlySpan<byte> source = column.Validity;
            for (int i = 0; i < n; i++)
            {
                if (BitUtil.Get(source, indices[i]))
                {
                    BitUtil.Set(validity, i);
                }
                else
                {
                    nullCount++;
                }
            }
        }

        switch (column)
        {
            case PrimitiveColumn<long> c:
                return new PrimitiveColumn<long>(c.Type, Gather(c.Values, indices), n, validity, nullCount);
            case PrimitiveColumn<double> c:
                return new PrimitiveColumn<double>(c.Type, Gather(c.Values, indices), n, validity, nullCount);
            case PrimitiveColumn<int> c:
                return new PrimitiveColumn<int>(c.Type, Gather(c.Values, indices), n, validity, nullCount);
            case PrimitiveColumn<short> c:
                return new PrimitiveColumn<short>(c.Type, Gather(c.Values, indices), n, validity, nullCount);
            case PrimitiveColumn<ulong> c:
                return new PrimitiveColumn<ulong>(c.Type, Gather(c.Values, indices), n, validity, nullCount);
            case PrimitiveColumn<float> c:
                return new PrimitiveColumn<float>(c.Type, Gather(c.Values, indices), n, validity, nullCount);
            case PrimitiveColumn<decimal> c:
                return new PrimitiveColumn<decimal>(c.Type, Gather(c.Values, indices), n, validity, nullCount);
            case PrimitiveColumn<Interval> c:
                return new PrimitiveColumn<Interval>(c.Type, Gather(c.Values, indices), n, validity, nullCount);
            case DictionaryColumn c:
                return new DictionaryColumn(Gather(c.Indices, indices), c.Dictionary, n, validity, nullCount);
            case ListColumn c:
                return ListKernels.Take(c, indices, validity, nullCount);
            case StructColumn c:
                return StructKernels.Take(c, indices, validity, nullCount);
            case BooleanColumn c:
            {
                var bits = new byte[BitUtil.BytesFor(n)];
                ReadOnlySpan<byte> source = c.Bits;
                for (int i = 0; i < n; i++)
                {
                    if (BitUtil.Get(source, indices[i]))
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                return new BooleanColumn(bits, n, validity, nullCount);
            }

            case StringColumn c:
            {
                ReadOnlySpan<int> offsets = c.Offsets;
                int total = 0;
                for (int i = 0; i < n; i++)
                {
                    total += offsets[indices[i] + 1] - offsets[indices[i]];
                }

                var newOffsets = new int[n + 1];
                var data = new byte[total];
                ReadOnlySpan<byte> source = c.Data;
                int at = 0;
                for (int i = 0; i < n; i++)
                {
                    int start = offsets[indices[i]];
                    int len = offsets[indices[i] + 1] - start;
                    source.Slice(start, len).CopyTo(data.AsSpan(at));
                    at += len;
                    newOffsets[i + 1] = at;
                }

                return new StringColumn(c.Type, newOffsets, data, n, validity, nullCount);
            }

            default:
                throw new NotSupportedException($"take on {column.GetType().Name}");
        }
    }

    /// <summary>Gathers values by index.</summary>
    private static T[] Gather<T>(ReadOnlySpan<T> values, ReadOnlySpan<int> indices)
        where T : unmanaged
    {
        var result = new T[indices.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = values[indices[i]];
        }

        return result;
    }

    /// <summary>Rows [<paramref name="offset"/>, offset + <paramref name="length"/>) of <paramref name="column"/>.</summary>
    public static Column Slice(Column column, int offset, int length)
    {
        if (offset == 0 && length == column.Length)
        {
            return column;
        }

        var indices = new int[length];
        for (int i = 0; i < length; i++)
        {
            indices[i] = offset + i;
        }

        return Take(column, indices);
    }

    /// <summary>Rows [<paramref name="offset"/>, offset + <paramref name="length"/>) of every column of <paramref name="batch"/>.</summary>
    public static RecordBatch Slice(RecordBatch batch, int offset, int length)
    {
        if (offset == 0 && length == batch.RowCount)
        {
            return batch;
        }

        var columns = new Column[batch.Schema.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = Slice(batch.Column(c), offset, length);
        }

        return new RecordBatch(batch.Schema, columns, length);
    }

    /// <summary>Concatenates columns of one type into one column (dictionary text becomes plain text).</summary>
    public static Column Concat(DataType type, IReadOnlyList<Column> parts)
    {
        if (type == DataType.Struct && parts.Count > 0)
        {
            return StructKernels.Concat(parts);
        }

        int total = 0;
        foreach (Column part in parts)
        {
            total += part.Length;
        }

        ColumnBuilder builder = type == DataType.List
            ? new ListColumnBuilder(ListKernels.ElementTypeOf(parts), total)
            : ColumnBuilder.Create(type == DataType.Null ? DataType.Utf8 : type, total);
        foreach (Column part in parts)
        {
            AppendAll(builder, part);
        }

        return builder.Build();
    }

    /// <summary>Appends every row of <paramref name="column"/> to <paramref name="builder"/> (same type).</summary>
    public static void AppendAll(ColumnBuilder builder, Column column)
    {
        switch (builder)
        {
            case PrimitiveColumnBuilder<long> b:
                AppendPrimitive(b, (PrimitiveColumn<long>)column);
                break;
            case PrimitiveColumnBuilder<double> b:
                AppendPrimitive(b, (PrimitiveColumn<double>)column);
                break;
            case PrimitiveColumnBuilder<int> b:
                AppendPrimitive(b, (PrimitiveColumn<int>)column);
                break;
            case PrimitiveColumnBuilder<short> b:
                AppendPrimitive(b, (PrimitiveColumn<short>)column);
                break;
            case PrimitiveColumnBuilder<ulong> b:
                AppendPrimitive(b, (PrimitiveColumn<ulong>)column);
                break;
            case PrimitiveColumnBuilder<float> b:
                AppendPrimitive(b, (PrimitiveColumn<float>)column);
                break;
            case PrimitiveColumnBuilder<decimal> b:
                AppendPrimitive(b, (PrimitiveColumn<decimal>)column);
                break;
            case PrimitiveColumnBuilder<Interval> b:
                AppendPrimitive(b, (PrimitiveColumn<Interval>)column);
                break;
            case BooleanColumnBuilder b:
            {
                var c = (BooleanColumn)column;
                for (int i = 0; i < c.Length; i++)
                {
                    if (c.IsValid(i))
                    {
                        b.Append(c.GetValue(i));
                    }
                    else
                    {
                        b.AppendNull();
                    }
                }

                break;
            }

            case ListColumnBuilder b:
                ListKernels.AppendAll(b, (ListColumn)column);
                break;
            case StringColumnBuilder b:
                for (int i = 0; i < column.Length; i++)
                {
                    if (column.IsValid(i))
                    {
                        b.Append(Utf8(column, i));
                    }
                    else
                    {
                        b.AppendNull();
                    }
                }

                break;
            default:
                throw new NotSupportedException($"append to {builder.GetType().Name}");
        }
    }

    /// <summary>Appends a primitive column's rows.</summary>
    private static void AppendPrimitive<T>(PrimitiveColumnBuilder<T> builder, PrimitiveColumn<T> column)
        where T : unmanaged
    {
        ReadOnlySpan<T> values = column.Values;
        if (column.NullCount == 0)
        {
            for (int i = 0; i < values.Length; i++)
            {
                builder.Append(values[i]);
            }

            return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (column.IsValid(i))
            {
                builder.Append(values[i]);
            }
            else
            {
                builder.AppendNull();
            }
        }
    }

    /// <summary>The UTF-8 bytes of row <paramref name="row"/> of a text column (plain or dictionary).</summary>
    public static ReadOnlySpan<byte> Utf8(Column column, int row) => column switch
    {
        DictionaryColumn d => d.GetBytes(row),
        StringColumn s => s.GetBytes(row),
        _ => throw new InvalidOperationException("not a text column"),
    };

    /// <summary>Row <paramref name="row"/> as a scalar value (allocates; for plan time and tests).</summary>
    public static ScalarValue GetScalar(Column column, int row)
    {
        if (column is StructColumn)
        {
            // Records are values of a query's result, never plan-time constants (nothing folds them).
            throw SqlException.NotSupported("record values as constants");
        }

        if (column is ListColumn list)
        {
            return ScalarValue.Array(list.ElementType, list.IsNull(row) ? null : Slice(list.Values, list.StartOf(row), list.CountOf(row)));
        }

        if (column.IsNull(row))
        {
            return ScalarValue.Null(column.Type);
        }

        object value = column switch
        {
            BooleanColumn b => b.GetValue(row),
            PrimitiveColumn<short> c => c.Values[row],
            PrimitiveColumn<int> c => c.Values[row],
            PrimitiveColumn<long> c => c.Values[row],
            PrimitiveColumn<ulong> c => c.Values[row],
            PrimitiveColumn<float> c => c.Values[row],
            PrimitiveColumn<double> c => c.Values[row],
            PrimitiveColumn<decimal> c => c.Values[row],
            PrimitiveColumn<Interval> c => c.Values[row],
            StringColumn { Type: DataType.Binary } c => c.GetBytes(row).ToArray(),
            DictionaryColumn or StringColumn => Encoding.UTF8.GetString(Utf8(column, row)),
            _ => throw new NotSupportedException(column.GetType().Name),
        };
        return new ScalarValue(column.Type, value);
    }
}
