using System.Net;
using IOx.Pg.Server.Http;
using IOx.Pg.Storage.WriteBuffer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IOx.Pg.Tests.Http;

/// <summary>A clock that always reads the same instant, so lines without a timestamp are predictable.</summary>
internal sealed class FixedClock : TimeProvider
{
    /// <summary>The instant: 2023-11-14T22:13:20.123456700Z.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123).AddTicks(4567);

    /// <summary>The instant in nanoseconds since the epoch.</summary>
    public const long NowNanoseconds = 1_700_000_000_123_456_700;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A real Kestrel server on 127.0.0.1 (ephemeral port) serving the write endpoints, shared by a test class.</summary>
public sealed class WriteServer : IAsyncLifetime
{
    /// <summary>The body limit the server is given (small, to test 413 cheaply).</summary>
    public const long MaxBodyBytes = 1_000_000;

    /// <summary>The running application.</summary>
    private WebApplication? _app;

    /// <summary>Where rows land.</summary>
    public WriteBuffer Buffer { get; } = new();

    /// <summary>A client pointed at the server.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapInfluxWriteEndpoints(Buffer, new WriteEndpointOptions { MaxBodyBytes = MaxBodyBytes, Clock = new FixedClock() });
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>The table <paramref name="table"/> of database <paramref name="database"/>, which must exist.</summary>
    public TableBuffer Table(string database, string table)
    {
        Assert.True(Buffer.TryGetDatabase(database, out DatabaseBuffer? db), $"no database {database}");
        Assert.True(db.TryGetTable(table, out TableBuffer? t), $"no table {table}");
        return t;
    }
}
