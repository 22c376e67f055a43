using System.Net;
using System.Security.Cryptography.X509Certificates;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Server.Hosting;
using IOx.Pg.Server.PgWire;
using IOx.Pg.Tests.EndToEnd;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Tests.PgWire;

/// <summary>SSLRequest answered with TLS, checked with the real Npgsql and psql clients.</summary>
public sealed class TlsTests : IDisposable
{
    /// <summary>Where the certificate is generated.</summary>
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ioxpg-tls-{Guid.NewGuid():N}");

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Starts a listener with <paramref name="security"/>.</summary>
    private static async Task<PgWireListener> StartAsync(PgSecurity security)
    {
        var storage = new StorageBuffer();
        storage.GetOrCreateDatabase("db1");
        var listener = new PgWireListener(new IPEndPoint(IPAddress.Loopback, 0), new QueryEngine(storage), storage, NullLogger.Instance, security);
        await listener.StartAsync(CancellationToken.None);
        return listener;
    }

    /// <summary>A self-signed certificate generated in the test directory.</summary>
    private X509Certificate2 Certificate() =>
        TlsCertificates.LoadOrCreate(Path.Combine(_directory, "server.crt"), Path.Combine(_directory, "server.key"), "ioxpg-test");

    [Fact]
    public async Task NpgsqlRequiringTlsGetsAnEncryptedSession()
    {
        using X509Certificate2 certificate = Certificate();
        await using PgWireListener listener = await StartAsync(new PgSecurity { TlsCertificate = certificate });
        var builder = new NpgsqlDataSourceBuilder($"Host=127.0.0.1;Port={listener.Port};Username=u;Database=db1;Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=10;SSL Mode=Require");
        string? presented = null;
        builder.UseSslClientAuthenticationOptionsCallback(options => options.RemoteCertificateValidationCallback = (_, remote, _, _) =>
        {
            presented = remote?.GetCertHashString();
            return true;
        });
        await using NpgsqlDataSource dataSource = builder.Build();
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync();

        // The handshake happened and the server presented our certificate.
        Assert.Equal(certificate.GetCertHashString(), presented);
        await using var command = new NpgsqlCommand("SELECT 40 + 2", connection);
        Assert.Equal(42, (int)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task PsqlRequiringTlsWithScramPasswordWorks()
    {
        var roles = new PgRoles();
        roles.Set("postgres", "tls-and-scram");
        await using PgWireListener listener = await StartAsync(new PgSecurity { TlsCertificate = Certificate(), AuthMethod = PgAuthMethod.ScramSha256, Roles = roles });
        (int exit, string stdout, string stderr) = await Psql.RunAsync(
            listener.LocalEndPoint, "db1", "\\conninfo", environment: new Dictionary<string, string> { ["PGSSLMODE"] = "require", ["PGPASSWORD"] = "tls-and-scram" });
        Assert.True(exit == 0, stderr);
        Assert.Contains("SSL connection (protocol: TLSv1.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACertificateTlsIsRefusedAndPlainStillWorks()
    {
        await using PgWireListener listener = await StartAsync(PgSecurity.Default);
        string baseString = $"Host=127.0.0.1;Port={listener.Port};Username=u;Database=db1;Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=10";
        await using (var required = new NpgsqlConnection(baseString + ";SSL Mode=Require"))
        {
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => required.OpenAsync());
        }

        var builder = new NpgsqlDataSourceBuilder(baseString + ";SSL Mode=Prefer");
        bool handshake = false;
        builder.UseSslClientAuthenticationOptionsCallback(_ => handshake = true);
        await using NpgsqlDataSource dataSource = builder.Build();
        await using NpgsqlConnection preferred = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT 1", preferred);
        Assert.Equal(1, (int)(await command.ExecuteScalarAsync())!);
        Assert.False(handshake);
    }

    [Fact]
    public void GeneratedCertificateIsKeptAcrossStarts()
    {
        using X509Certificate2 first = Certificate();
        using X509Certificate2 second = Certificate();
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.True(first.HasPrivateKey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "server.key")));
        }
    }

    [Fact]
    public void ALoneKeyFileIsAConfigurationError()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "server.key"), "not a key");
        ServerConfigurationException error = Assert.Throws<ServerConfigurationException>(Certificate);
        Assert.Contains("server.crt", error.Message, StringComparison.Ordinal);
    }
}
