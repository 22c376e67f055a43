namespace IOx.Pg.Protocol.PgWire.Messages.Frontend;

/// <summary>
/// Bind ('B'): makes portal <see cref="PortalName"/> from statement <see cref="StatementName"/>
/// with parameter values (copied out of the receive buffer; null = SQL NULL) and the result
/// column formats the client wants.
/// </summary>
public sealed class BindMessage
{
    /// <summary>Creates a Bind message.</summary>
    public BindMessage(string portalName, string statementName, short[] parameterFormats, byte[]?[] parameterValues, short[] resultFormats)
    {
        PortalName = portalName;
        StatementName = statementName;
        ParameterFormats = parameterFormats;
        ParameterValues = parameterValues;
        ResultFormats = resultFormats;
    }

    /// <summary>The portal to create; empty for the unnamed portal.</summary>
    public string PortalName { get; }

    /// <summary>The prepared statement; empty for the unnamed one.</summary>
    public string StatementName { get; }

    /// <summary>Parameter format codes: none (all text), one (applies to all), or one per parameter.</summary>
    public short[] ParameterFormats { get; }

    /// <summary>Parameter values; null entries are SQL NULL.</summary>
    public byte[]?[] ParameterValues { get; }

    /// <summary>Result format codes: none (all text), one (applies to all), or one per result column.</summary>
    public short[] ResultFormats { get; }

    /// <summary>The format of parameter <paramref name="index"/> under the none/one/each rule.</summary>
    public PgFormat ParameterFormat(int index) =>
        ParameterFormats.Length == 0 ? PgFormat.Text : (PgFormat)ParameterFormats[ParameterFormats.Length == 1 ? 0 : index];

    /// <summary>Parses the body.</summary>
    public static BindMessage Parse(ReadOnlySpan<byte> body)
    {
        var reader = new PgMessageReader(body);
        string portal = reader.ReadCString();
        string statement = reader.ReadCString();
        short[] parameterFormats = ReadFormats(ref reader);
        int count = reader.ReadInt16();
        if (count < 0 || (parameterFormats.Length > 1 && parameterFormats.Length != count))
        {
            throw MalformedMessage.Error($"bind message has {parameterFormats.Length} parameter formats but {count} parameters");
        }

        byte[]?[] values = count == 0 ? [] : new byte[]?[count];
        for (int i = 0; i < count; i++)
        {
            int length = reader.ReadInt32();
            values[i] = length == -1 ? null : reader.ReadBytes(length).ToArray();
        }

        short[] resultFormats = ReadFormats(ref reader);
        reader.ExpectEnd();
        return new BindMessage(portal, statement, parameterFormats, values, resultFormats);
    }

    /// <summary>Reads an int16 count and that many format codes, each 0 or 1.</summary>
    private static short[] ReadFormats(ref PgMessageReader reader)
    {
        int count = reader.ReadInt16();
        if (count < 0)
        {
            throw MalformedMessage.Error("invalid format code count in Bind message");
        }

        short[] formats = count == 0 ? [] : new short[count];
        for (int i = 0; i < count; i++)
        {
            short format = reader.ReadInt16();
            if (format is not 0 and not 1)
            {
                throw MalformedMessage.Error($"unsupported format code: {format}");
            }

            formats[i] = format;
        }

        return formats;
    }
}
