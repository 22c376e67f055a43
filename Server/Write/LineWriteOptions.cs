using IOx.Pg.Protocol.LineProtocol;

namespace IOx.Pg.Server.Write;

/// <summary>How one request body is written.</summary>
/// <param name="Precision">Unit of the timestamps in the body.</param>
/// <param name="ServerTime">Nanoseconds since the epoch given to lines without a timestamp (one clock reading per request, as InfluxDB does).</param>
/// <param name="AcceptPartial">True: store the valid lines and report the bad ones. False (v3 <c>accept_partial=false</c>): store nothing when any line is bad.</param>
public readonly record struct LineWriteOptions(TimestampPrecision Precision, long ServerTime, bool AcceptPartial = true)
{
    /// <summary>At most this many bad lines are listed in a result (all are counted).</summary>
    public const int MaxListedBadLines = 1000;
}
