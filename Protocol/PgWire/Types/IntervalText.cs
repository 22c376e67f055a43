using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>
/// interval_out in IntervalStyle postgres (EncodeInterval, INTSTYLE_POSTGRES): "1 year 2 mons
/// 3 days 04:05:06.5"; a unit is printed only when non-zero, plural unless exactly 1; after a
/// negative part a positive one gets an explicit "+"; the time part appears when non-zero or
/// when nothing else did ("00:00:00"). Nanoseconds are truncated to microseconds toward zero.
/// </summary>
public static class IntervalText
{
    /// <summary>Bytes that always suffice.</summary>
    public const int MaxLength = 96;

    /// <summary>Writes <paramref name="value"/>; returns the byte count.</summary>
    public static int Format(Interval value, Span<byte> destination)
    {
        long micros = PgEpoch.TruncateMicroseconds(value.Nanoseconds);
        bool isZero = true;
        bool isBefore = false;
        int pos = 0;
        pos = AddPart(destination, pos, value.Months / 12, "year"u8, ref isZero, ref isBefore);
        pos = AddPart(destination, pos, value.Months % 12, "mon"u8, ref isZero, ref isBefore);
        pos = AddPart(destination, pos, value.Days, "day"u8, ref isZero, ref isBefore);
        if (isZero || micros != 0)
        {
            long hours = micros / 3_600_000_000L;
            long rest = micros % 3_600_000_000L;
            long minutes = rest / 60_000_000L;
            rest %= 60_000_000L;
            long seconds = rest / 1_000_000L;
            long fraction = rest % 1_000_000L;
            bool minus = micros < 0;
            if (!isZero)
            {
                destination[pos++] = (byte)' ';
            }

            if (minus)
            {
                destination[pos++] = (byte)'-';
            }
            else if (isBefore)
            {
                destination[pos++] = (byte)'+';
            }

            pos = TextDigits.WritePadded(destination, pos, Math.Abs(hours), 2);
            destination[pos++] = (byte)':';
            pos = TextDigits.Write2(destination, pos, Math.Abs(minutes));
            destination[pos++] = (byte)':';
            pos = TextDigits.Write2(destination, pos, Math.Abs(seconds));
            pos = TextDigits.WriteFraction(destination, pos, Math.Abs(fraction));
        }

        return pos;
    }

    /// <summary>PostgreSQL's AddPostgresIntPart: " [+]N unit[s]".</summary>
    private static int AddPart(Span<byte> destination, int pos, int value, ReadOnlySpan<byte> unit, ref bool isZero, ref bool isBefore)
    {
        if (value == 0)
        {
            return pos;
        }

        if (!isZero)
        {
            destination[pos++] = (byte)' ';
        }

        if (isBefore && value > 0)
        {
            destination[pos++] = (byte)'+';
        }

        if (value < 0)
        {
            destination[pos++] = (byte)'-';
        }

        pos = TextDigits.WritePadded(destination, pos, Math.Abs((long)value), 1);
        destination[pos++] = (byte)' ';
        unit.CopyTo(destination[pos..]);
        pos += unit.Length;
        if (value != 1)
        {
            destination[pos++] = (byte)'s';
        }

        isBefore = value < 0;
        isZero = false;
        return pos;
    }
}
