using System.Globalization;
using System.Net;

namespace IOx.Pg.Server.Hosting;

/// <summary>Parses listen addresses of the form <c>host:port</c>, <c>[v6]:port</c> or <c>localhost:port</c>; port 0 picks a free port.</summary>
public static class ListenAddress
{
    /// <summary>Parses <paramref name="text"/>, throwing <see cref="FormatException"/> with a message naming it when malformed.</summary>
    public static IPEndPoint Parse(string text)
    {
        if (IPEndPoint.TryParse(text, out IPEndPoint? endPoint) && text.Contains(':', StringComparison.Ordinal) && !text.EndsWith(']'))
        {
            return endPoint;
        }

        int colon = text.LastIndexOf(':');
        if (colon > 0
            && string.Equals(text[..colon], "localhost", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            && port <= IPEndPoint.MaxPort)
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        throw new FormatException($"invalid listen address \"{text}\": expected host:port, e.g. 127.0.0.1:5432");
    }
}
