namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>date_out in DateStyle ISO: "2024-01-01"; years before 1 AD as "0044-03-15 BC".</summary>
public static class DateText
{
    /// <summary>Bytes that always suffice.</summary>
    public const int MaxLength = 32;

    /// <summary>Writes day <paramref name="daysSinceUnixEpoch"/>; returns the byte count.</summary>
    public static int Format(long daysSinceUnixEpoch, Span<byte> destination)
    {
        CivilDate.FromDays(daysSinceUnixEpoch, out long year, out int month, out int day);
        bool bc = year <= 0;
        int pos = WriteDate(destination, 0, bc ? 1 - year : year, month, day);
        return bc ? WriteBc(destination, pos) : pos;
    }

    /// <summary>Writes "YYYY-MM-DD" (year at least 4 digits); returns the new position.</summary>
    internal static int WriteDate(Span<byte> destination, int pos, long year, int month, int day)
    {
        pos = TextDigits.WritePadded(destination, pos, year, 4);
        destination[pos++] = (byte)'-';
        pos = TextDigits.Write2(destination, pos, month);
        destination[pos++] = (byte)'-';
        return TextDigits.Write2(destination, pos, day);
    }

    /// <summary>Appends " BC".</summary>
    internal static int WriteBc(Span<byte> destination, int pos)
    {
        " BC"u8.CopyTo(destination[pos..]);
        return pos + 3;
    }
}
