namespace IOx.Pg.Protocol.PgWire.Messages.Frontend;

/// <summary>Close ('C'): drop a prepared statement ('S') or a portal ('P'); closing a missing one is not an error.</summary>
public sealed record CloseMessage(byte Target, string Name)
{
    /// <summary>Whether the target is a prepared statement (otherwise a portal).</summary>
    public bool IsStatement => Target == (byte)'S';

    /// <summary>Parses the body: 'S' or 'P', then the name.</summary>
    public static CloseMessage Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PgMessageReader(body);
        byte target = reader.ReadByte();
        string name = reader.ReadCString();
        reader.ExpectEnd();
        if (target is not (byte)'S' and not (byte)'P')
        {
            throw MalformedMessage.Error($"invalid CLOSE message subtype {target}");
        }

        return new CloseMessage(target, name);
    }
}
