using System.Buffers.Binary;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>
/// PostgreSQL's binary input (the *_recv functions) for bind parameters: the inverse of
/// BinaryColumnEncoder. Returns the CLR representation IOx.Pg uses for <see cref="DataType"/>
/// (bool, short, int, long, float, double, decimal, string, Timestamp/TimestampNoTz as Unix
/// nanoseconds, Date as days since 1970-01-01, <see cref="Interval"/>). Returns false for bytes
/// that are not a value of the type (wrong length, NaN numeric, infinite timestamps, overflow).
/// </summary>
public static class BinaryValueDecoder
{
    /// <summary>Decodes <paramref name="bytes"/> as <paramref name="type"/>; false when malformed or out of range.</summary>
    public static bool TryDecode(DataType type, ReadOnlySpan<byte> bytes, out object? value)
    {
        value = null;
        switch (type)
        {
            case DataType.Boolean when bytes.Length == 1:
                value = bytes[0] != 0;
                return true;
            case DataType.Int16 when bytes.Length == 2:
                value = BinaryPrimitives.ReadInt16BigEndian(bytes);
                return true;
            case DataType.Int32 when bytes.Length == 4:
                value = BinaryPrimitives.ReadInt32BigEndian(bytes);
                return true;
            case DataType.Int64 when bytes.Length == 8:
                value = BinaryPrimitives.ReadInt64BigEndian(bytes);
                return true;
            case DataType.Int64 when bytes.Length == 4:
                // oidsend: an unsigned 32-bit OID (oid, regclass, regtype, regproc parameters bind as int64).
                value = (long)BinaryPrimitives.ReadUInt32BigEndian(bytes);
                return true;
            case DataType.Float32 when bytes.Length == 4:
                value = BinaryPrimitives.ReadSingleBigEndian(bytes);
                return true;
            case DataType.Float64 when bytes.Length == 8:
                value = BinaryPrimitives.ReadDoubleBigEndian(bytes);
                return true;
            case DataType.Utf8:
                value = System.Text.Encoding.UTF8.GetString(bytes);
                return true;
            case DataType.Binary:
                // bytearecv: the raw bytes.
                value = bytes.ToArray();
                return true;
            case DataType.Timestamp or DataType.TimestampNoTz when bytes.Length == 8:
                return TryDecodeTimestamp(BinaryPrimitives.ReadInt64BigEndian(bytes), out value);
            case DataType.Date when bytes.Length == 4:
            {
                int days = BinaryPrimitives.ReadInt32BigEndian(bytes);
                if (days is int.MinValue or int.MaxValue)
                {
                    // -infinity / infinity: IOx.Pg dates are finite.
                    return false;
                }

                value = (int)Math.Clamp((long)days + PgEpoch.DaysFromUnixEpoch, int.MinValue + 1, int.MaxValue - 1);
                return true;
            }

            case DataType.Interval when bytes.Length == 16:
            {
                long micros = BinaryPrimitives.ReadInt64BigEndian(bytes);
                int days = BinaryPrimitives.ReadInt32BigEndian(bytes[8..]);
                int months = BinaryPrimitives.ReadInt32BigEndian(bytes[12..]);
                long nanos;
                try
                {
                    nanos = checked(micros * 1000L);
                }
                catch (OverflowException)
                {
                    return false;
                }

                value = new Interval(months, days, nanos);
                return true;
            }

            case DataType.Numeric or DataType.UInt64:
                return NumericBinary.TryRead(bytes, out decimal d) && Box(d, out value);
            default:
                return false;
        }
    }

    /// <summary>Microseconds since 2000-01-01 to nanoseconds since 1970-01-01; infinities and overflow are false.</summary>
    private static bool TryDecodeTimestamp(long pgMicros, out object? value)
    {
        value = null;
        if (pgMicros is long.MinValue or long.MaxValue)
        {
            return false;
        }

        try
        {
            value = checked((pgMicros + PgEpoch.MicrosecondsFromUnixEpoch) * 1000L);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Boxes a decoded decimal (helper keeping the switch one expression per case).</summary>
    private static bool Box(decimal d, out object? value)
    {
        value = d;
        return true;
    }
}
