namespace IOx.Pg.Protocol.PgWire.Messages.Frontend;

/// <summary>Query ('Q'): a simple-protocol query string, possibly several statements.</summary>
public sealed record QueryMessage(string Sql)
{
    /// <summary>Parses the body: one String.</summary>
    public static QueryMessage Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PgMessageReader(body);
        string sql = reader.ReadCString();
        reader.ExpectEnd();
        return new QueryMessage(sql);
    }
}
