namespace IOx.Pg.Protocol.PgWire.Messages.Frontend;

/// <summary>
/// Classifies a startup-phase packet body (the bytes after its length word) by its leading
/// int32: a protocol version (major 3) or one of the special request codes.
/// </summary>
public static class StartupPacket
{
    /// <summary>Protocol 3.0 as the StartupMessage encodes it (major &lt;&lt; 16 | minor).</summary>
    public const int Protocol30 = 3 << 16;

    /// <summary>The SSLRequest code, 1234 &lt;&lt; 16 | 5679.</summary>
    public const int SslRequestCode = 80877103;

    /// <summary>The GSSENCRequest code, 1234 &lt;&lt; 16 | 5680.</summary>
    public const int GssEncRequestCode = 80877104;

    /// <summary>The CancelRequest code, 1234 &lt;&lt; 16 | 5678.</summary>
    public const int CancelRequestCode = 80877102;

    /// <summary>
    /// The kind of packet <paramref name="body"/> is. Throws <see cref="PgProtocolException"/>
    /// (FATAL 08P01) for an unknown code, and 0A000 for a protocol major version other than 3.
    /// </summary>
    public static StartupPacketKind Classify(ReadOnlySpan<byte> body)
    {
        var reader = new PgMessageReader(body);
        int code = reader.ReadInt32();
        switch (code)
        {
            case SslRequestCode:
                return StartupPacketKind.SslRequest;
            case GssEncRequestCode:
                return StartupPacketKind.GssEncRequest;
            case CancelRequestCode:
                return StartupPacketKind.CancelRequest;
        }

        int major = (code >> 16) & 0xFFFF;
        if (major == 1234)
        {
            throw new PgProtocolException($"unsupported startup request code {code}");
        }

        if (major != 3)
        {
            throw new PgProtocolException(
                $"unsupported frontend protocol {major}.{code & 0xFFFF}: server supports 3.0 to 3.0",
                Storage.Errors.SqlState.FeatureNotSupported);
        }

        return StartupPacketKind.Startup;
    }
}
