using System.Buffers.Binary;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Protocol.PgWire.Columns;

/// <summary>
/// Binary-format column encoding, bit-exact with PostgreSQL's send functions: big-endian
/// integers and IEEE floats, numeric in base-10000 digits, timestamps as int64 microseconds
/// and dates as int32 days since 2000-01-01, interval as (int64 µs, int32 days, int32 months).
/// </summary>
internal static class BinaryColumnEncoder
{
    /// <summary>Whether a column of <paramref name="type"/> described as <paramref name="typeOid"/> has a binary form here.</summary>
    public static bool Supports(DataType type, int typeOid)
    {
        if (typeOid == PgTypeInfo.OidOf(type) || type == DataType.Null)
        {
            return true;
        }

        return type switch
        {
            DataType.Utf8 => typeOid is PgTypeOid.Text or PgTypeOid.Name or PgTypeOid.Varchar or PgTypeOid.Bpchar or PgTypeOid.Unknown or PgTypeOid.Char
                or PgTypeOid.Json or PgTypeOid.Jsonb,
            DataType.Int32 or DataType.Int64 => typeOid is PgTypeOid.Oid or PgTypeOid.Regclass or PgTypeOid.Regproc or PgTypeOid.Regtype or PgTypeOid.Xid
                or PgTypeOid.Int2 or PgTypeOid.Int4 or PgTypeOid.Int8,
            DataType.Int16 => typeOid is PgTypeOid.Int2 or PgTypeOid.Int4 or PgTypeOid.Int8,
            DataType.List => PgTypeInfo.ElementOidOf(typeOid) != 0,
            _ => false,
        };
    }

    /// <summary>
    /// charsend (the one byte the held charout text stands for) and jsonb_send (version 1, then
    /// the text) of a Utf8 column, plain or dictionary-encoded (a constant may be either).
    /// </summary>
    private static void EncodeHeldText(Column column, int typeOid, int start, int count, EncodedColumn output)
    {
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            ReadOnlySpan<byte> text = column is DictionaryColumn dictionary ? dictionary.GetBytes(i) : ((StringColumn)column).GetBytes(i);
            if (typeOid == PgTypeOid.Char)
            {
                output.Append([CharText.ToByte(text)]);
                continue;
            }

            Span<byte> span = output.GetSpan(text.Length + 1);
            span[0] = 1;
            text.CopyTo(span[1..]);
            output.Commit(text.Length + 1);
        }
    }

    /// <summary>Encodes rows [start, start + count) of <paramref name="column"/> in binary as <paramref name="typeOid"/>.</summary>
    public static void Encode(Column column, int typeOid, int start, int count, EncodedColumn output)
    {
        if (!Supports(column.Type, typeOid))
        {
            throw ColumnEncoder.NoBinaryOutput(typeOid);
        }

        if (typeOid is PgTypeOid.Char or PgTypeOid.Jsonb && column.Type == DataType.Utf8)
        {
            EncodeHeldText(column, typeOid, start, count, output);
            return;
        }

        switch (column)
        {
            case BooleanColumn booleans:
                for (int i = start; i < start + count; i++)
                {
                    if (booleans.IsNull(i))
                    {
                        output.AppendNull();
                    }
                    else
                    {
                        output.Append(booleans.GetValue(i) ? [1] : [0]);
                    }
                }

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
                EncodeIntegers(((PrimitiveColumn<short>)column).Values, column, typeOid, start, count, output);
                return;
            case DataType.Int32:
                EncodeIntegers(((PrimitiveColumn<int>)column).Values, column, typeOid, start, count, output);
                return;
            case DataType.Int64:
                EncodeIntegers(((PrimitiveColumn<long>)column).Values, column, typeOid, start, count, output);
                return;
            case DataType.UInt64:
                EncodeUInt64((PrimitiveColumn<ulong>)column, start, count, output);
                return;
            case DataType.Numeric:
                EncodeDecimal((PrimitiveColumn<decimal>)column, start, count, output);
                return;
            case DataType.Float32:
                EncodeFloat32((PrimitiveColumn<float>)column, start, count, output);
                return;
            case DataType.Float64:
                EncodeFloat64((PrimitiveColumn<double>)column, start, count, output);
                return;
            case DataType.Timestamp:
            case DataType.TimestampNoTz:
                EncodeTimestamp((PrimitiveColumn<long>)column, start, count, output);
                return;
            case DataType.Date:
                EncodeDate((PrimitiveColumn<int>)column, start, count, output);
                return;
            case DataType.Interval:
                EncodeInterval((PrimitiveColumn<Interval>)column, start, count, output);
                return;
            default:
                throw ColumnEncoder.NoBinaryOutput(typeOid);
        }
    }

    /// <summary>int2send / int4send / int8send / oidsend by the described OID's width.</summary>
    private static void EncodeIntegers<T>(ReadOnlySpan<T> values, Column column, int typeOid, int start, int count, EncodedColumn output)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        int width = PgTypeInfo.SizeOf(typeOid);
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            long value = long.CreateTruncating(values[i]);
            Span<byte> span = output.GetSpan(8);
            switch (width)
            {
                case 2:
                    BinaryPrimitives.WriteInt16BigEndian(span, (short)value);
                    break;
                case 4:
                    BinaryPrimitives.WriteInt32BigEndian(span, (int)value);
                    break;
                default:
                    BinaryPrimitives.WriteInt64BigEndian(span, value);
                    break;
            }

            output.Commit(width);
        }
    }

    /// <summary>numeric_send of unsigned 64-bit values.</summary>
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

            output.Commit(NumericBinary.Write(values[i], output.GetSpan(NumericBinary.MaxLength)));
        }
    }

    /// <summary>numeric_send of decimals.</summary>
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

            output.Commit(NumericBinary.Write(values[i], output.GetSpan(NumericBinary.MaxLength)));
        }
    }

    /// <summary>float4send: the IEEE bits, big-endian.</summary>
    private static void EncodeFloat32(PrimitiveColumn<float> column, int start, int count, EncodedColumn output)
    {
        ReadOnlySpan<float> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            // PostgreSQL's NaN is the positive quiet NaN; .NET's float.NaN has the sign bit set.
            float value = values[i];
            BinaryPrimitives.WriteSingleBigEndian(output.GetSpan(4), float.IsNaN(value) ? BitConverter.Int32BitsToSingle(0x7FC00000) : value);
            output.Commit(4);
        }
    }

    /// <summary>float8send: the IEEE bits, big-endian.</summary>
    private static void EncodeFloat64(PrimitiveColumn<double> column, int start, int count, EncodedColumn output)
    {
        ReadOnlySpan<double> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            // PostgreSQL's NaN is the positive quiet NaN; .NET's double.NaN has the sign bit set.
            double value = values[i];
            BinaryPrimitives.WriteDoubleBigEndian(output.GetSpan(8), double.IsNaN(value) ? BitConverter.Int64BitsToDouble(0x7FF8000000000000) : value);
            output.Commit(8);
        }
    }

    /// <summary>timestamp(tz)_send: int64 microseconds since 2000-01-01 UTC (nanoseconds floored).</summary>
    private static void EncodeTimestamp(PrimitiveColumn<long> column, int start, int count, EncodedColumn output)
    {
        ReadOnlySpan<long> values = column.Values;
        for (int i = start; i < start + count; i++)
        {
            if (column.IsNull(i))
            {
                output.AppendNull();
                continue;
            }

            BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), PgEpoch.FloorMicroseconds(values[i]) - PgEpoch.MicrosecondsFromUnixEpoch);
            output.Commit(8);
        }
    }

    /// <summary>date_send: int32 days since 2000-01-01.</summary>
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

            // date32 values near int.MinValue would wrap; PostgreSQL's own date range ends long before.
            BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), (int)Math.Clamp((long)values[i] - PgEpoch.DaysFromUnixEpoch, int.MinValue, int.MaxValue));
            output.Commit(4);
        }
    }

    /// <summary>interval_send: int64 microseconds, int32 days, int32 months.</summary>
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

            Interval value = values[i];
            Span<byte> span = output.GetSpan(16);
            BinaryPrimitives.WriteInt64BigEndian(span, PgEpoch.TruncateMicroseconds(value.Nanoseconds));
            BinaryPrimitives.WriteInt32BigEndian(span[8..], value.Days);
            BinaryPrimitives.WriteInt32BigEndian(span[12..], value.Months);
            output.Commit(16);
        }
    }
}
