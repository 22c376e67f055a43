namespace IOx.Pg.Server.Http;

/// <summary>Which InfluxDB write API a request came through (they differ in parameters and defaults).</summary>
internal enum WriteApi : byte
{
    /// <summary><c>POST /write?db=&amp;precision=&amp;rp=</c> (InfluxDB 1.x).</summary>
    V1,
    /// <summary><c>POST /api/v2/write?bucket=&amp;org=&amp;precision=</c> (InfluxDB 2.x).</summary>
    V2,
    /// <summary><c>POST /api/v3/write_lp?db=&amp;precision=&amp;accept_partial=</c> (InfluxDB 3).</summary>
    V3,
}
