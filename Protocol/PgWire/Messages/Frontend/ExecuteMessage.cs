namespace IOx.Pg.Protocol.PgWire.Messages.Frontend;

/// <summary>Execute ('E'): run portal <see cref="PortalName"/>, returning at most <see cref="MaxRows"/> rows (0 = all).</summary>
public sealed record ExecuteMessage(string PortalName, int MaxRows)
{
    /// <summary>Parses the body: portal name, int32 row limit.</summary>
    public static ExecuteMessage Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PgMessageReader(body);
        string portal = reader.ReadCString();
        int maxRows = reader.ReadInt32();
        reader.ExpectEnd();
        return new ExecuteMessage(portal, maxRows < 0 ? 0 : maxRows);
    }
}
