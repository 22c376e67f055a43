using System.Net;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.PgWire.Auth;
using IOx.Pg.Server.PgWire;
using IOx.Pg.Tests.EndToEnd;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Tests.PgWire;

/// <summary>Password authentication (cleartext, md5, SCRAM-SHA-256) with the real Npgsql and psql clients.</summary>
public sealed class AuthenticationTests
{
    /// <summary>Starts a listener with <paramref name="method"/> and the role alice/wonderland.</summary>
    private static async Task<PgWireListener> StartAsync(PgAuthMethod method, PgRoles? roles = null)
    {
        var storage = new StorageBuffer();
        storage.GetOrCreateDatabase("db1");
        if (roles is null)
        {
            roles = new PgRoles();
            roles.Set("alice", "wonderland");
        }

        var listener = new PgWireListener(new IPEndPoint(IPAddress.Loopback, 0), new QueryEngine(storage), storage, NullLogger.Instance, new PgSecurity { AuthMethod = method, Roles = roles });
        await listener.StartAsync(CancellationToken.None);
        return listener;
    }

    /// <summary>An Npgsql connection string.</summary>
    private static string ConnectionString(PgWireListener listener, string user, string? password) =>
        $"Host=127.0.0.1;Port={listener.Port};Username={user};Database=db1;Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=10"
        + (password is null ? "" : $";Password={password}");

    /// <summary>Connects and runs SELECT current_user.</summary>
    private static async Task<string> CurrentUserAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_user", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Theory]
    [InlineData(PgAuthMethod.Password)]
    [InlineData(PgAuthMethod.Md5)]
    [InlineData(PgAuthMethod.ScramSha256)]
    public async Task RightPasswordLogsIn(PgAuthMethod method)
    {
        await using PgWireListener listener = await StartAsync(method);
        Assert.Equal("alice", await CurrentUserAsync(ConnectionString(listener, "alice", "wonderland")));
    }

    [Theory]
    [InlineData(PgAuthMethod.Password)]
    [InlineData(PgAuthMethod.Md5)]
    [InlineData(PgAuthMethod.ScramSha256)]
    public async Task WrongPasswordAndUnknownUserFailAlikeWith28P01(PgAuthMethod method)
    {
        await using PgWireListener listener = await StartAsync(method);
        PostgresException wrong = await Assert.ThrowsAsync<PostgresException>(() => CurrentUserAsync(ConnectionString(listener, "alice", "looking-glass")));
        Assert.Equal("28P01", wrong.SqlState);
        Assert.Equal("FATAL", wrong.Severity);
        Assert.Equal("password authentication failed for user \"alice\"", wrong.MessageText);

        PostgresException unknown = await Assert.ThrowsAsync<PostgresException>(() => CurrentUserAsync(ConnectionString(listener, "mallory", "wonderland")));
        Assert.Equal("28P01", unknown.SqlState);
        Assert.Equal("password authentication failed for user \"mallory\"", unknown.MessageText);
        Assert.Null(unknown.Detail);
        Assert.Null(unknown.Hint);

        // The listener is unharmed: the right password still works afterwards.
        Assert.Equal("alice", await CurrentUserAsync(ConnectionString(listener, "alice", "wonderland")));
    }

    [Fact]
    public async Task Md5FallsBackToScramForARoleWithOnlyAVerifier()
    {
        var roles = new PgRoles();
        roles.Set("bob", ScramVerifier.Create("builder"));
        await using PgWireListener listener = await StartAsync(PgAuthMethod.Md5, roles);
        Assert.Equal("bob", await CurrentUserAsync(ConnectionString(listener, "bob", "builder")));
        PostgresException wrong = await Assert.ThrowsAsync<PostgresException>(() => CurrentUserAsync(ConnectionString(listener, "bob", "plumber")));
        Assert.Equal("28P01", wrong.SqlState);
    }

    [Fact]
    public async Task TrustIgnoresPasswords()
    {
        await using PgWireListener listener = await StartAsync(PgAuthMethod.Trust);
        Assert.Equal("anyone", await CurrentUserAsync(ConnectionString(listener, "anyone", "whatever")));
    }

    [Fact]
    public async Task PsqlLogsInWithScramAndIsRefusedWithAWrongPassword()
    {
        var roles = new PgRoles();
        roles.Set("postgres", "s3cret pass");
        await using PgWireListener listener = await StartAsync(PgAuthMethod.ScramSha256, roles);
        (int exit, string stdout, string stderr) = await Psql.RunAsync(listener.LocalEndPoint, "db1", "SELECT current_user", environment: new Dictionary<string, string> { ["PGPASSWORD"] = "s3cret pass" });
        Assert.True(exit == 0, stderr);
        Assert.Equal("postgres", stdout.Trim());

        (exit, _, stderr) = await Psql.RunAsync(listener.LocalEndPoint, "db1", "SELECT 1", environment: new Dictionary<string, string> { ["PGPASSWORD"] = "wrong" });
        Assert.NotEqual(0, exit);
        Assert.Contains("password authentication failed for user \"postgres\"", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHugeDeclaredPasswordMessageIsRefusedBeforeItIsBuffered()
    {
        await using PgWireListener listener = await StartAsync(PgAuthMethod.Password);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, listener.Port);
        System.Net.Sockets.NetworkStream stream = client.GetStream();
        await stream.WriteAsync(StartupPacket("alice", "db1"));

        // AuthenticationCleartextPassword: 'R', length 8, code 3.
        byte[] request = new byte[9];
        await stream.ReadExactlyAsync(request);
        Assert.Equal((byte)'R', request[0]);
        Assert.Equal(3, request[8]);

        // 'p' declaring 100 MB: the server answers FATAL 08P01 at once instead of waiting for it.
        await stream.WriteAsync(new byte[] { (byte)'p', 0x06, 0x00, 0x00, 0x00 });
        byte[] reply = new byte[1];
        await stream.ReadExactlyAsync(reply);
        Assert.Equal((byte)'E', reply[0]);
    }

    /// <summary>A protocol 3.0 StartupMessage for <paramref name="user"/> and <paramref name="database"/>.</summary>
    private static byte[] StartupPacket(string user, string database)
    {
        var body = new List<byte>();
        body.AddRange([0, 3, 0, 0]);
        foreach (string part in new[] { "user", user, "database", database })
        {
            body.AddRange(System.Text.Encoding.UTF8.GetBytes(part));
            body.Add(0);
        }

        body.Add(0);
        byte[] packet = new byte[body.Count + 4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(packet, packet.Length);
        body.CopyTo(packet, 4);
        return packet;
    }
}
