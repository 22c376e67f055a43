namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>Small fixed-width digit writers shared by the date/time text encoders.</summary>
internal static class TextDigits
{
    /// <summary>Writes <paramref name="value"/> (0..99) as two digits at <paramref name="pos"/>; returns the new position.</summary>
    public static int Write2(Span<byte> destination, int pos, long value)
    {
        destination[pos] = (byte)('0' + (value / 10));
        destination[pos + 1] = (byte)('0' + (value % 10));
        return pos + 2;
    }

    /// <summary>Writes a non-negative <paramref name="value"/> zero-padded to at least <paramref name="width"/> digits; returns the new position.</summary>
    public static int WritePadded(Span<byte> destination, int pos, long value, int width)
    {
        Span<byte> tmp = stackalloc byte[20];
        int n = 0;
        do
        {
            tmp[n++] = (byte)('0' + (value % 10));
            value /= 10;
        }
        while (value > 0);

        for (int z = width - n; z > 0; z--)
        {
            destination[pos++] = (byte)'0';
        }

        while (n > 0)
        {
            destination[pos++] = tmp[--n];
        }

        return pos;
    }

    /// <summary>
    /// Writes ".ffffff" for <paramref name="micros"/> (0..999999) with trailing zeros dropped,
    /// nothing when it is 0 (PostgreSQL's AppendSeconds with fillzeros); returns the new position.
    /// </summary>
    public static int WriteFraction(Span<byte> destination, int pos, long micros)
    {
        if (micros == 0)
        {
            return pos;
        }

        destination[pos++] = (byte)'.';
        int digits = 6;
        while (micros % 10 == 0)
        {
            micros /= 10;
            digits--;
        }

        return WritePadded(destination, pos, micros, digits);
    }
}
