namespace IOx.Pg.Tests.PgWire;

/// <summary>A Bind message with per-parameter formats and raw values, written from the protocol documentation (FrontendWire.Bind only sends text).</summary>
internal static class BinaryBind
{
    /// <summary>Bind of <paramref name="values"/> (null = NULL) with one format per parameter and the given result formats.</summary>
    public static byte[] Message(string portal, string statement, short[] parameterFormats, byte[]?[] values, short[] resultFormats)
    {
        var body = new List<byte>();
        body.AddRange(FrontendWire.CString(portal));
        body.AddRange(FrontendWire.CString(statement));
        body.AddRange(FrontendWire.Int16((short)parameterFormats.Length));
        foreach (short format in parameterFormats)
        {
            body.AddRange(FrontendWire.Int16(format));
        }

        body.AddRange(FrontendWire.Int16((short)values.Length));
        foreach (byte[]? value in values)
        {
            if (value is null)
            {
                body.AddRange(FrontendWire.Int32(-1));
            }
            else
            {
                body.AddRange(FrontendWire.Int32(value.Length));
                body.AddRange(value);
            }
        }

        body.AddRange(FrontendWire.Int16((short)resultFormats.Length));
        foreach (short format in resultFormats)
        {
            body.AddRange(FrontendWire.Int16(format));
        }

        return FrontendWire.Message('B', [.. body]);
    }

    /// <summary>array_send framing of one-dimensional int4 elements (null = NULL) with lower bound 1.</summary>
    public static byte[] Int4Array(params int?[] elements)
    {
        var bytes = new List<byte>();
        bytes.AddRange(FrontendWire.Int32(elements.Length == 0 ? 0 : 1));
        bytes.AddRange(FrontendWire.Int32(Array.Exists(elements, static e => e is null) ? 1 : 0));
        bytes.AddRange(FrontendWire.Int32(23));
        if (elements.Length > 0)
        {
            bytes.AddRange(FrontendWire.Int32(elements.Length));
            bytes.AddRange(FrontendWire.Int32(1));
        }

        foreach (int? element in elements)
        {
            if (element is null)
            {
                bytes.AddRange(FrontendWire.Int32(-1));
            }
            else
            {
                bytes.AddRange(FrontendWire.Int32(4));
                bytes.AddRange(FrontendWire.Int32(element.Value));
            }
        }

        return [.. bytes];
    }
}
