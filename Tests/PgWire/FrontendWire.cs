using System.Buffers.Binary;
using System.Text;

namespace IOx.Pg.Tests.PgWire;

/// <summary>Frontend messages as bytes, written independently of the server's codec (for tests and the raw client).</summary>
internal static class FrontendWire
{
    /// <summary>A StartupMessage for protocol 3.0.</summary>
    public static byte[] Startup(params (string Name, string Value)[] parameters)
    {
        var body = new List<byte>();
        body.AddRange(Int32(3 << 16));
        foreach ((string name, string value) in parameters)
        {
            body.AddRange(CString(name));
            body.AddRange(CString(value));
        }

        body.Add(0);
        return [.. Int32(body.Count + 4), .. body];
    }

    /// <summary>An SSLRequest.</summary>
    public static byte[] SslRequest() => [.. Int32(8), .. Int32(80877103)];

    /// <summary>A GSSENCRequest.</summary>
    public static byte[] GssEncRequest() => [.. Int32(8), .. Int32(80877104)];

    /// <summary>A CancelRequest.</summary>
    public static byte[] CancelRequest(int processId, int secretKey) => [.. Int32(16), .. Int32(80877102), .. Int32(processId), .. Int32(secretKey)];

    /// <summary>Query.</summary>
    public static byte[] Query(string sql) => Message('Q', CString(sql));

    /// <summary>Parse.</summary>
    public static byte[] Parse(string name, string sql, params int[] types)
    {
        var body = new List<byte>();
        body.AddRange(CString(name));
        body.AddRange(CString(sql));
        body.AddRange(Int16((short)types.Length));
        foreach (int type in types)
        {
            body.AddRange(Int32(type));
        }

        return Message('P', [.. body]);
    }

    /// <summary>Bind with text parameters (null = NULL) and the given result formats.</summary>
    public static byte[] Bind(string portal, string statement, string?[] parameters, short[] resultFormats)
    {
        var body = new List<byte>();
        body.AddRange(CString(portal));
        body.AddRange(CString(statement));
        body.AddRange(Int16(0));
        body.AddRange(Int16((short)parameters.Length));
        foreach (string? parameter in parameters)
        {
            if (parameter is null)
            {
                body.AddRange(Int32(-1));
            }
            else
            {
                byte[] value = Encoding.UTF8.GetBytes(parameter);
                body.AddRange(Int32(value.Length));
                body.AddRange(value);
            }
        }

        body.AddRange(Int16((short)resultFormats.Length));
        foreach (short format in resultFormats)
        {
            body.AddRange(Int16(format));
        }

        return Message('B', [.. body]);
    }

    /// <summary>Describe of a statement ('S') or portal ('P').</summary>
    public static byte[] Describe(char target, string name) => Message('D', [(byte)target, .. CString(name)]);

    /// <summary>Close of a statement ('S') or portal ('P').</summary>
    public static byte[] Close(char target, string name) => Message('C', [(byte)target, .. CString(name)]);

    /// <summary>Execute.</summary>
    public static byte[] Execute(string portal, int maxRows) => Message('E', [.. CString(portal), .. Int32(maxRows)]);

    /// <summary>Sync.</summary>
    public static byte[] Sync() => Message('S', []);

    /// <summary>Flush.</summary>
    public static byte[] Flush() => Message('H', []);

    /// <summary>Terminate.</summary>
    public static byte[] Terminate() => Message('X', []);

    /// <summary>A typed message.</summary>
    public static byte[] Message(char code, byte[] body) => [(byte)code, .. Int32(body.Length + 4), .. body];

    /// <summary>A NUL-terminated UTF-8 string.</summary>
    public static byte[] CString(string value) => [.. Encoding.UTF8.GetBytes(value), 0];

    /// <summary>Big-endian int32.</summary>
    public static byte[] Int32(int value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>Big-endian int16.</summary>
    public static byte[] Int16(short value)
    {
        byte[] bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return bytes;
    }
}
