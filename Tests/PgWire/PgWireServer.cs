using System.Net;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Server.PgWire;
using Microsoft.Extensions.Logging.Abstractions;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Tests.PgWire;

/// <summary>A real PgWireListener on 127.0.0.1 with an ephemeral port, over a real engine and write buffer holding database "db1".</summary>
public sealed class PgWireServer : IAsyncLifetime
{
    /// <summary>The storage the server reads.</summary>
    public StorageBuffer Storage { get; } = new();

    /// <summary>The listener under test.</summary>
    public PgWireListener Listener { get; private set; } = null!;

    /// <summary>The bound port.</summary>
    public int Port => Listener.Port;

    /// <summary>An Npgsql connection string for <paramref name="database"/> (type loading off: it needs pg_catalog queries).</summary>
    public string ConnectionString(string database = "db1", string extra = "") =>
        $"Host=127.0.0.1;Port={Port};Username=tester;Database={database};Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=10;Command Timeout=10;{extra}";

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Storage.GetOrCreateDatabase("db1");
        Listener = new PgWireListener(new IPEndPoint(IPAddress.Loopback, 0), new QueryEngine(Storage), Storage, NullLogger.Instance);
        await Listener.StartAsync(CancellationToken.None);
    }

    /// <inheritdoc/>
    public async Task DisposeAsync() => await Listener.DisposeAsync();
}
