using System.Net;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Server.PgWire;
using IOx.Pg.Storage.Errors;
using Microsoft.Extensions.Logging.Abstractions;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Tests.PgWire;

/// <summary>Start and stop of the listener, with live sessions.</summary>
public sealed class ListenerLifecycleTests
{
    [Fact]
    public async Task StartCreatesPostgresAndStopEndsSessionsWithAdminShutdown()
    {
        var storage = new StorageBuffer();
        var listener = new PgWireListener(new IPEndPoint(IPAddress.Loopback, 0), new QueryEngine(storage), storage, NullLogger.Instance);
        await listener.StartAsync(CancellationToken.None);
        Assert.True(storage.TryGetDatabase("postgres", out _));
        Assert.NotEqual(0, listener.Port);

        await using RawPgClient client = (await RawPgClient.StartAsync(listener.Port, "u", "postgres")).Client;
        await listener.StopAsync();
        BackendMessage fatal = (await client.ReadMessageAsync())!;
        Assert.Equal("FATAL", fatal.Fields()['S']);
        Assert.Equal(SqlState.AdminShutdown, fatal.Fields()['C']);
        Assert.True(await client.IsClosedByServerAsync());
        Assert.Equal(0, listener.ConnectionCount);

        using var refused = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => refused.ConnectAsync("127.0.0.1", listener.Port));
        await listener.DisposeAsync();
    }
}
