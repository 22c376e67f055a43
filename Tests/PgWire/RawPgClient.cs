using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace IOx.Pg.Tests.PgWire;

/// <summary>
/// A minimal frontend over a raw socket, written from the protocol documentation and independent
/// of the server's codec: sends bytes, reads backend messages one by one.
/// </summary>
internal sealed class RawPgClient : IAsyncDisposable
{
    /// <summary>The socket.</summary>
    private readonly TcpClient _client = new();

    /// <summary>Its stream.</summary>
    private NetworkStream _stream = null!;

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<RawPgClient> ConnectAsync(int port)
    {
        var client = new RawPgClient();
        await client._client.ConnectAsync("127.0.0.1", port);
        client._stream = client._client.GetStream();
        client._stream.ReadTimeout = 10_000;
        return client;
    }

    /// <summary>Connects and completes startup as <paramref name="user"/> on <paramref name="database"/>; returns the startup messages.</summary>
    public static async Task<(RawPgClient Client, List<BackendMessage> Messages)> StartAsync(int port, string user = "tester", string database = "db1")
    {
        RawPgClient client = await ConnectAsync(port);
        await client.SendAsync(FrontendWire.Startup(("user", user), ("database", database), ("application_name", "raw-test")));
        List<BackendMessage> messages = await client.ReadUntilReadyAsync();
        return (client, messages);
    }

    /// <summary>Sends raw bytes.</summary>
    public async Task SendAsync(params byte[][] chunks)
    {
        foreach (byte[] chunk in chunks)
        {
            await _stream.WriteAsync(chunk);
        }

        await _stream.FlushAsync();
    }

    /// <summary>Reads one byte (the answer to SSLRequest), or -1 at end of stream.</summary>
    public async Task<int> ReadByteAsync()
    {
        byte[] one = new byte[1];
        int read = await _stream.ReadAsync(one).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return read == 0 ? -1 : one[0];
    }

    /// <summary>Reads one backend message, or null at end of stream.</summary>
    public async Task<BackendMessage?> ReadMessageAsync()
    {
        byte[] header = new byte[5];
        if (!await ReadExactlyAsync(header))
        {
            return null;
        }

        int length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
        byte[] body = new byte[length - 4];
        if (!await ReadExactlyAsync(body))
        {
            throw new EndOfStreamException("truncated backend message");
        }

        return new BackendMessage((char)header[0], body);
    }

    /// <summary>Reads messages up to and including ReadyForQuery.</summary>
    public async Task<List<BackendMessage>> ReadUntilReadyAsync()
    {
        var messages = new List<BackendMessage>();
        while (true)
        {
            BackendMessage message = await ReadMessageAsync() ?? throw new EndOfStreamException("connection closed before ReadyForQuery");
            messages.Add(message);
            if (message.Code is 'Z')
            {
                return messages;
            }
        }
    }

    /// <summary>Whether the server closed the connection (end of stream within the timeout).</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        try
        {
            return await ReadMessageAsync() is null;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Fills <paramref name="buffer"/>; false at end of stream before the first byte.</summary>
    private async Task<bool> ReadExactlyAsync(byte[] buffer)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = await _stream.ReadAsync(buffer.AsMemory(filled)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            if (read == 0)
            {
                if (filled == 0)
                {
                    return false;
                }

                throw new EndOfStreamException();
            }

            filled += read;
        }

        return true;
    }
}

/// <summary>A backend message as received: type byte and body.</summary>
internal sealed record BackendMessage(char Code, byte[] Body)
{
    /// <summary>ErrorResponse/NoticeResponse fields by code.</summary>
    public Dictionary<char, string> Fields()
    {
        var fields = new Dictionary<char, string>();
        int i = 0;
        while (Body[i] != 0)
        {
            char code = (char)Body[i++];
            int end = Array.IndexOf(Body, (byte)0, i);
            fields[code] = Encoding.UTF8.GetString(Body, i, end - i);
            i = end + 1;
        }

        return fields;
    }

    /// <summary>ParameterStatus name and value.</summary>
    public (string Name, string Value) Parameter()
    {
        int end = Array.IndexOf(Body, (byte)0);
        int end2 = Array.IndexOf(Body, (byte)0, end + 1);
        return (Encoding.UTF8.GetString(Body, 0, end), Encoding.UTF8.GetString(Body, end + 1, end2 - end - 1));
    }
}
