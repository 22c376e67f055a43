namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>
/// timestamptz_out / timestamp_out in DateStyle ISO: "2024-01-01 00:00:00.5+00". Nanoseconds
/// are cut to microseconds toward negative infinity (PostgreSQL's precision); the fraction is
/// printed only when non-zero, without trailing zeros; timestamptz is shown in the session time
/// zone with its offset as "+HH", "+HH:MM" or "+HH:MM:SS".
/// </summary>
public static class TimestampText
{
    /// <summary>Bytes that always suffice.</summary>
    public const int MaxLength = 48;

    /// <summary>Writes a timestamptz in <paramref name="zone"/>; returns the byte count.</summary>
    public static int FormatWithZone(long unixNanoseconds, PgTimeZone zone, Span<byte> destination)
    {
        long micros = PgEpoch.FloorMicroseconds(unixNanoseconds);
        int offset = zone.GetUtcOffsetSeconds(micros);
        return Write(micros + (offset * 1_000_000L), offset, withZone: true, destination);
    }

    /// <summary>Writes a timestamp without time zone; returns the byte count.</summary>
    public static int FormatWithoutZone(long unixNanoseconds, Span<byte> destination) =>
        Write(PgEpoch.FloorMicroseconds(unixNanoseconds), 0, withZone: false, destination);

    /// <summary>Writes local wall-clock microseconds, then the offset when <paramref name="withZone"/>.</summary>
    private static int Write(long localMicros, int offsetSeconds, bool withZone, Span<byte> destination)
    {
        const long MicrosPerDay = 86_400_000_000L;
        long days = localMicros / MicrosPerDay;
        long timeOfDay = localMicros % MicrosPerDay;
        if (timeOfDay < 0)
        {
            days--;
            timeOfDay += MicrosPerDay;
        }

        CivilDate.FromDays(days, out long year, out int month, out int day);
        bool bc = year <= 0;
        int pos = DateText.WriteDate(destination, 0, bc ? 1 - year : year, month, day);
        destination[pos++] = (byte)' ';
        long seconds = timeOfDay / 1_000_000L;
        pos = TextDigits.Write2(destination, pos, seconds / 3600);
        destination[pos++] = (byte)':';
        pos = TextDigits.Write2(destination, pos, seconds / 60 % 60);
        destination[pos++] = (byte)':';
        pos = TextDigits.Write2(destination, pos, seconds % 60);
        pos = TextDigits.WriteFraction(destination, pos, timeOfDay % 1_000_000L);
        if (withZone)
        {
            pos = WriteOffset(destination, pos, offsetSeconds);
        }

        return bc ? DateText.WriteBc(destination, pos) : pos;
    }

    /// <summary>Writes "+HH[:MM[:SS]]" (PostgreSQL's EncodeTimezone; east of Greenwich is +).</summary>
    internal static int WriteOffset(Span<byte> destination, int pos, int offsetSeconds)
    {
        destination[pos++] = offsetSeconds >= 0 ? (byte)'+' : (byte)'-';
        int magnitude = Math.Abs(offsetSeconds);
        int hours = magnitude / 3600;
        int minutes = magnitude / 60 % 60;
        int seconds = magnitude % 60;
        pos = TextDigits.Write2(destination, pos, hours);
        if (minutes != 0 || seconds != 0)
        {
            destination[pos++] = (byte)':';
            pos = TextDigits.Write2(destination, pos, minutes);
            if (seconds != 0)
            {
                destination[pos++] = (byte)':';
                pos = TextDigits.Write2(destination, pos, seconds);
            }
        }

        return pos;
    }
}
