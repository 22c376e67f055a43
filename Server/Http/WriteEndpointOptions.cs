namespace IOx.Pg.Server.Http;

/// <summary>Settings of the InfluxDB-compatible write endpoints.</summary>
public sealed class WriteEndpointOptions
{
    /// <summary>Largest accepted body in bytes, compressed and decompressed alike (InfluxDB's default: 25,000,000).</summary>
    public long MaxBodyBytes { get; init; } = 25_000_000;

    /// <summary>The server clock: lines without a timestamp get the time the request is handled.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
