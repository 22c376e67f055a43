namespace IOx.Pg.Protocol.PgWire.Messages.Frontend;

/// <summary>Parse ('P'): prepare <see cref="Sql"/> as statement <see cref="StatementName"/> ("" = unnamed) with declared parameter types (0 = unspecified).</summary>
public sealed class ParseMessage
{
    /// <summary>Creates a Parse message.</summary>
    public ParseMessage(string statementName, string sql, int[] parameterTypes)
    {
        StatementName = statementName;
        Sql = sql;
        ParameterTypes = parameterTypes;
    }

    /// <summary>The statement name; empty for the unnamed statement.</summary>
    public string StatementName { get; }

    /// <summary>The query text.</summary>
    public string Sql { get; }

    /// <summary>Declared parameter type OIDs, in $n order; 0 leaves a type to the server.</summary>
    public int[] ParameterTypes { get; }

    /// <summary>Parses the body: name, query, int16 count, count × int32 OIDs.</summary>
    public static ParseMessage Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PgMessageReader(body);
        string name = reader.ReadCString();
        string sql = reader.ReadCString();
        int count = reader.ReadInt16();
        if (count < 0)
        {
            throw MalformedMessage.Error("invalid parameter count in Parse message");
        }

        int[] types = count == 0 ? [] : new int[count];
        for (int i = 0; i < count; i++)
        {
            types[i] = reader.ReadInt32();
        }

        reader.ExpectEnd();
        return new ParseMessage(name, sql, types);
    }
}
