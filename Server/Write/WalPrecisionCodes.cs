using IOx.Pg.Protocol.LineProtocol;

namespace IOx.Pg.Server.Write;

/// <summary>
/// The precision codes stored in WAL records. Fixed on-disk values, kept apart from the enum's
/// numbering so that reordering <see cref="TimestampPrecision"/> can never change how old
/// records replay.
/// </summary>
internal static class WalPrecisionCodes
{
    /// <summary>The stored code of <paramref name="precision"/>.</summary>
    public static byte ToCode(TimestampPrecision precision) => precision switch
    {
        TimestampPrecision.Nanosecond => 0,
        TimestampPrecision.Microsecond => 1,
        TimestampPrecision.Millisecond => 2,
        TimestampPrecision.Second => 3,
        TimestampPrecision.Minute => 4,
        TimestampPrecision.Hour => 5,
        TimestampPrecision.Auto => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "no WAL code for this precision"),
    };

    /// <summary>The precision of a stored code; false for a code this version does not know.</summary>
    public static bool TryFromCode(byte code, out TimestampPrecision precision)
    {
        precision = code switch
        {
            0 => TimestampPrecision.Nanosecond,
            1 => TimestampPrecision.Microsecond,
            2 => TimestampPrecision.Millisecond,
            3 => TimestampPrecision.Second,
            4 => TimestampPrecision.Minute,
            5 => TimestampPrecision.Hour,
            6 => TimestampPrecision.Auto,
            _ => TimestampPrecision.Nanosecond,
        };
        return code <= 6;
    }
}
