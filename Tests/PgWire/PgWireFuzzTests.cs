using System.Net;
using System.Net.Sockets;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Server.PgWire;
using Microsoft.Extensions.Logging;
using Npgsql;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Tests.PgWire;

/// <summary>
/// Robustness of the pgwire decoder: mutated and random message streams (flipped bytes, bad and
/// huge lengths, truncation, unknown types, garbage) sent to a live listener. Every connection
/// must end with an error or a close — never an unclassified failure (logged at Error level as
/// "internal error"), never a hang — and the listener must go on serving others. Seeds are fixed,
/// so a failure names a reproducible case.
/// </summary>
public sealed class PgWireFuzzTests
{
    /// <summary>Valid conversations the mutations start from.</summary>
    private static readonly byte[][][] s_templates =
    [
        [FrontendWire.Query("SELECT 1, 'x'::text, now()")],
        [FrontendWire.Query("SELECT $1"), FrontendWire.Query("BEGIN; SELECT 1/0; ROLLBACK")],
        [FrontendWire.Parse("s1", "SELECT $1::int + 1", 23), FrontendWire.Bind("p1", "s1", ["41"], [1]), FrontendWire.Describe('P', "p1"), FrontendWire.Execute("p1", 0), [(byte)'S', 0, 0, 0, 4]],
        [FrontendWire.Parse("", "SELECT $1::text, $2::float8", 0, 0), FrontendWire.Bind("", "", ["a", null], []), FrontendWire.Execute("", 1), FrontendWire.Execute("", 1), FrontendWire.Close('S', ""), [(byte)'S', 0, 0, 0, 4]],
        [FrontendWire.Describe('S', "missing"), [(byte)'H', 0, 0, 0, 4], [(byte)'S', 0, 0, 0, 4], FrontendWire.Query("SHOW TimeZone")],
    ];

    [Fact]
    public async Task MutatedStreamsAfterStartupNeverCrashOrHang()
    {
        var log = new ErrorCollectingLogger();
        await using PgWireListener listener = await StartAsync(log);
        byte[] startup = FrontendWire.Startup(("user", "fuzz"), ("database", "db1"));
        int answered = 0;
        for (int seed = 0; seed < 1000; seed++)
        {
            var random = new Random(seed);
            byte[] stream = Mutate(random, Concat(s_templates[seed % s_templates.Length]));
            answered += await ConverseAsync(listener.Port, [.. startup, .. stream], seed) > 400 ? 1 : 0;
        }

        Assert.True(log.Errors.Count == 0, string.Join("\n", log.Errors));

        // Most mutations hit a message body, not the framing: the session still answered past startup.
        Assert.True(answered > 100, $"only {answered} of 1000 sessions got answers past startup: the fuzzer is not reaching the message loop");
        await AssertStillServesAsync(listener);
    }

    [Fact]
    public async Task MutatedStartupPacketsAndRandomBytesNeverCrashOrHang()
    {
        var log = new ErrorCollectingLogger();
        await using PgWireListener listener = await StartAsync(log);
        byte[] startup = FrontendWire.Startup(("user", "fuzz"), ("database", "db1"), ("application_name", "fuzzer"), ("options", "-c TimeZone=UTC"));
        for (int seed = 0; seed < 600; seed++)
        {
            var random = new Random(10_000 + seed);
            byte[] stream = seed % 4 == 0
                ? RandomBytes(random, random.Next(1, 200))
                : Mutate(random, seed % 4 == 1 ? [.. FrontendWire.SslRequest(), .. startup] : startup);
            await ConverseAsync(listener.Port, stream, 10_000 + seed);
        }

        Assert.True(log.Errors.Count == 0, string.Join("\n", log.Errors));
        await AssertStillServesAsync(listener);
    }

    [Fact]
    public async Task TwoHundredConcurrentConnectionsEachRunQueries()
    {
        var log = new ErrorCollectingLogger();
        await using PgWireListener listener = await StartAsync(log);
        string connectionString = $"Host=127.0.0.1;Port={listener.Port};Username=u;Database=db1;Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=60;Command Timeout=60";
        var sessions = new Task[200];
        for (int i = 0; i < sessions.Length; i++)
        {
            int id = i;
            sessions[i] = Task.Run(async () =>
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                for (int q = 0; q < 5; q++)
                {
                    await using var command = new NpgsqlCommand("SELECT $1::int * 10 + $2::int", connection);
                    command.Parameters.AddWithValue(id);
                    command.Parameters.AddWithValue(q);
                    Assert.Equal((id * 10) + q, (int)(await command.ExecuteScalarAsync())!);
                }
            });
        }

        await Task.WhenAll(sessions);
        Assert.True(log.Errors.Count == 0, string.Join("\n", log.Errors));
    }

    /// <summary>Starts a listener logging to <paramref name="log"/>.</summary>
    private static async Task<PgWireListener> StartAsync(ILogger log)
    {
        var storage = new StorageBuffer();
        storage.GetOrCreateDatabase("db1");
        var listener = new PgWireListener(new IPEndPoint(IPAddress.Loopback, 0), new QueryEngine(storage), storage, log);
        await listener.StartAsync(CancellationToken.None);
        return listener;
    }

    /// <summary>Sends <paramref name="bytes"/>, half-closes, and reads until the server closes; fails on a hang. Returns the bytes received.</summary>
    private static async Task<int> ConverseAsync(int port, byte[] bytes, int seed)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        NetworkStream stream = client.GetStream();
        try
        {
            await stream.WriteAsync(bytes);
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException)
        {
            // The server may close first (a FATAL on an early byte): that is an allowed outcome.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        byte[] sink = new byte[4096];
        int received = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(sink, timeout.Token)) > 0)
            {
                received += read;
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"seed {seed}: the server neither answered nor closed within 20 s");
        }
        catch (IOException)
        {
            // Reset by the server after a FATAL: closed.
        }

        return received;
    }

    /// <summary>A fresh, well-behaved client still gets answers.</summary>
    private static async Task AssertStillServesAsync(PgWireListener listener)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={listener.Port};Username=u;Database=db1;Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=10");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 6 * 7", connection);
        Assert.Equal(42, (int)(await command.ExecuteScalarAsync())!);
    }

    /// <summary>Applies 1 to 4 random mutations.</summary>
    private static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = new List<byte>(input);
        int count = random.Next(1, 5);
        for (int m = 0; m < count && bytes.Count > 0; m++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.InsertRange(at, RandomBytes(random, random.Next(1, 16)));
                    break;
                case 4:
                    // A length word made huge, negative or zero.
                    int[] lengths = [int.MaxValue, -1, 0, 0x3FFF_FFFF, 0x4000_0000, 5];
                    byte[] word = BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(lengths[random.Next(lengths.Length)]));
                    for (int i = 0; i < 4 && at + i < bytes.Count; i++)
                    {
                        bytes[at + i] = word[i];
                    }

                    break;
                case 5:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 8), bytes.Count - at));
                    break;
                default:
                    int length = Math.Min(random.Next(1, 32), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Random bytes.</summary>
    private static byte[] RandomBytes(Random random, int count)
    {
        byte[] bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The chunks one after the other.</summary>
    private static byte[] Concat(byte[][] chunks) => [.. chunks.SelectMany(static c => c)];

    /// <summary>Keeps every Error/Critical entry: the server logs those only for failures it could not classify.</summary>
    private sealed class ErrorCollectingLogger : ILogger
    {
        /// <summary>The entries.</summary>
        public List<string> Errors { get; } = [];

        /// <inheritdoc/>
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        /// <inheritdoc/>
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        /// <inheritdoc/>
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                lock (Errors)
                {
                    Errors.Add($"{formatter(state, exception)}: {exception}");
                }
            }
        }
    }
}
