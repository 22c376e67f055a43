using System.Buffers.Text;
using System.Text;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Text;

namespace IOx.Pg.Protocol.PgWire.Columns;

/// <summary>Text-format column encoding: each type's PostgreSQL output function, one loop per type.</summary>
internal static class TextColumnEncoder
{
    /// <summary>Encodes rows [start, start + count) of <paramref name="column"/> as text.</summary>
    public static void Encode(Column column, PgTimeZone zone, int start, int count, EncodedColumn output) => Encode(column, zone, start, count, output, 1);

    /// <summary>byteaout of rows [start, start + count): <c>\x</c> + hex, or the escape form when <paramref name="escape"/> (bytea_output).</summary>
    public static void EncodeBytea(StringColumn column, int start, int count, EncodedColumn output, bool escape)
    {
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            ReadOnlySpan<byte> value = column.GetBytes(i);
            int length = escape ? ByteaText.EscapeLength(value, output: true) : ByteaText.HexOutputLength(value);
            int written = escape ? ByteaText.WriteEscape(value, true, output.GetSpan(length)) : ByteaText.WriteHexOutput(value, output.GetSpan(length));
            output.Commit(written);
        }
    }

    /// <summary>Encodes rows as text, floats with <paramref name="extraFloatDigits"/> (the session's extra_float_digits).</summary>
    public static void Encode(Column column, PgTimeZone zone, int start, int count, EncodedColumn output, int extraFloatDigits)
    {
        switch (column)
        {
            case BooleanColumn booleans:
                EncodeBooleans(booleans, start, count, output);
                return;
            case StringColumn strings:
                for (int i = start; i < start + count; i++)
                {
                    if (strings.IsNull(i))
                    {
                        output.AppendNull();
                    }
                    else
                    {
                        output.Append(strings.GetBytes(i));
                    }
                }

                return;
            case DictionaryColumn dictionary:
                for (int i = start; i < start + count; i++)
                {
                    if (dictionary.IsNull(i))
                    {
                        output.AppendNull();
                    }
                    else
                    {
                        output.Append(dictionary.GetBytes(i));
                    }
                }

                return;
        }

        switch (column.Type)
        {
            case DataType.Int16:
                EncodeInt16((PrimitiveColumn<short>)column, start, count, output);
                return;
            case DataType.Int32:
                EncodeInt32((PrimitiveColumn<int>)column, start, count, output);
                return;
            case DataType.Int64:
                EncodeInt64((PrimitiveColumn<long>)column, start, count, output);
                return;
            case DataType.UInt64:
                EncodeUInt64((PrimitiveColumn<ulong>)column, start, count, output);
                return;
            case DataType.Float32:
                EncodeFloat32((PrimitiveColumn<float>)column, start, count, output, extraFloatDigits);
                return;
            case DataType.Float64:
                EncodeFloat64((PrimitiveColumn<double>)column, start, count, output, extraFloatDigits);
                return;
            case DataType.Numeric:
                EncodeDecimal((PrimitiveColumn<decimal>)column, start, count, output);
                return;
            case DataType.Timestamp:
                EncodeTimestamp((PrimitiveColumn<long>)column, zone, start, count, output);
                return;
            case DataType.TimestampNoTz:
                EncodeTimestamp((PrimitiveColumn<long>)column, null, start, count, output);
                return;
            case DataType.Date:
                EncodeDate((PrimitiveColumn<int>)column, start, count, output);
                return;
            case DataType.Interval:
                EncodeInterval((PrimitiveColumn<Interval>)column, start, count, output);
                return;
            default:
                throw new NotSupportedException($"no text encoding for column type {column.Type}");
        }
    }

    /// <summary>boolout: "t" / "f".</summary>
    private static void EncodeBooleans(BooleanColumn column, int start, int count, EncodedColumn output)
    {
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
            }
            else
            {
                output.Append(column.GetValue(i) ? "t"u8 : "f"u8);
            }
        }
    }

    /// <summary>int2out.</summary>
    private static void EncodeInt16(PrimitiveColumn<short> column, int start, int count, EncodedColumn output)
    {
        ReadOnlySpan<short> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            Utf8Formatter.TryFormat(values[i], output.GetSpan(8), out int written);
            output.Commit(written);
        }
    }

    /// <summary>int4out.</summary>
    private static void EncodeInt32(PrimitiveColumn<int> column, int start, int count, EncodedColumn output)
    {
        ReadOnlySpan<int> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            Utf8Formatter.TryFormat(values[i], output.GetSpan(12), out int written);
            output.Commit(written);
        }
    }

    /// <summary>int8out.</summary>
    private static void EncodeInt64(PrimitiveColumn<long> column, int start, int count, EncodedColumn output)
    {
        ReadOnlySpan<long> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            Utf8Formatter.TryFormat(values[i], output.GetSpan(21), out int written);
            output.Commit(written);
        }
    }

    /// <summary>
    /// regclassout / regtypeout / regprocout: the name <paramref name="names"/> gives (the catalog
    /// is the engine's, so the names come with the result); without it, the number, and <c>-</c>
    /// for 0 (InvalidOid), as PostgreSQL prints an OID that names nothing.
    /// </summary>
    public static void EncodeRegOid(PrimitiveColumn<long> column, int start, int count, EncodedColumn output, Func<long, string>? names = null)
    {
        ReadOnlySpan<long> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            if (names is not null)
            {
                // Catalog queries only (rows in the hundreds): one name string per value is accepted.
                string name = names(values[i]);
                int length = Encoding.UTF8.GetByteCount(name);
                Encoding.UTF8.GetBytes(name, output.GetSpan(length));
                output.Commit(length);
                continue;
            }

            if (values[i] == 0)
            {
                "-"u8.CopyTo(output.GetSpan(1));
                output.Commit(1);
                continue;
            }

            Utf8Formatter.TryFormat(values[i], output.GetSpan(21), out int written);
            output.Commit(written);
        }
    }

    /// <summary>numeric_out of an unsigned 64-bit integer: plain digits.</summary>
    private static void EncodeUInt64(PrimitiveColumn<ulong> column, int start, int count, EncodedColumn output)
    {
        ReadOnlySpan<ulong> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            Utf8Formatter.TryFormat(values[i], output.GetSpan(21), out int written);
            output.Commit(written);
        }
    }

    /// <summary>numeric_out: plain digits with the value's own scale ("1.50"), never an exponent.</summary>
    private static void EncodeDecimal(PrimitiveColumn<decimal> column, int start, int count, EncodedColumn output)
    {
        ReadOnlySpan<decimal> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            Utf8Formatter.TryFormat(values[i], output.GetSpan(40), out int written);
            output.Commit(written);
        }
    }

    /// <summary>float4out.</summary>
    private static void EncodeFloat32(PrimitiveColumn<float> column, int start, int count, EncodedColumn output, int extraFloatDigits)
    {
        ReadOnlySpan<float> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            output.Commit(FloatText.Format(values[i], extraFloatDigits, output.GetSpan(FloatText.MaxLength)));
        }
    }

    /// <summary>float8out.</summary>
    private static void EncodeFloat64(PrimitiveColumn<double> column, int start, int count, EncodedColumn output, int extraFloatDigits)
    {
        ReadOnlySpan<double> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            output.Commit(FloatText.Format(values[i], extraFloatDigits, output.GetSpan(FloatText.MaxLength)));
        }
    }

    /// <summary>timestamptz_out in <paramref name="zone"/>, or timestamp_out when null.</summary>
    private static void EncodeTimestamp(PrimitiveColumn<long> column, PgTimeZone? zone, int start, int count, EncodedColumn output)
    {
        ReadOnlySpan<long> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            Span<byte> span = output.GetSpan(TimestampText.MaxLength);
            output.Commit(zone is null ? TimestampText.FormatWithoutZone(values[i], span) : TimestampText.FormatWithZone(values[i], zone, span));
        }
    }

    /// <summary>date_out.</summary>
    private static void EncodeDate(PrimitiveColumn<int> column, int start, int count, EncodedColumn output)
    {
        ReadOnlySpan<int> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            output.Commit(DateText.Format(values[i], output.GetSpan(DateText.MaxLength)));
        }
    }

    /// <summary>interval_out.</summary>
    private static void EncodeInterval(PrimitiveColumn<Interval> column, int start, int count, EncodedColumn output)
    {
        ReadOnlySpan<Interval> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            output.Commit(IntervalText.Format(values[i], output.GetSpan(IntervalText.MaxLength)));
        }
    }
}
