using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IOx.Pg.Tests.PgWire;

/// <summary>
/// A throw-away PostgreSQL 15 server (the Debian postgresql-15 package, a required test peer)
/// in a temporary data directory on a free port, trust authentication, for differential tests.
/// PostgreSQL refuses to run as root, so when the tests run as root it is started as the
/// "postgres" user the package creates.
/// </summary>
public sealed class RealPostgres : IAsyncLifetime
{
    /// <summary>Where the server binaries live.</summary>
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";

    /// <summary>The data directory.</summary>
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"ioxpg-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>An Npgsql connection string for the postgres database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=20";

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Path.Combine(BinDirectory, "initdb")), $"PostgreSQL 15 is a required test peer: install the postgresql-15 package ({BinDirectory} is missing)");
        Directory.CreateDirectory(_dataDirectory);
        if (Environment.UserName == "root")
        {
            await RunAsync("/bin/chown", "postgres", _dataDirectory);
        }

        await RunAsync(Path.Combine(BinDirectory, "initdb"), "-D", _dataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync");
        Port = FreePort();
        await RunAsync(
            Path.Combine(BinDirectory, "pg_ctl"), "-D", _dataDirectory, "-w", "-l", Path.Combine(_dataDirectory, "server.log"),
            "-o", $"-p {Port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), "-D", _dataDirectory, "-m", "immediate", "stop");
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>A port nobody listens on right now.</summary>
    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Runs a command (as postgres when we are root) and fails with its output if it fails.</summary>
    private static async Task RunAsync(string command, params string[] arguments)
    {
        bool asPostgres = Environment.UserName == "root" && !command.EndsWith("chown", StringComparison.Ordinal);
        var start = new ProcessStartInfo(asPostgres ? "/usr/sbin/runuser" : command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres)
        {
            foreach (string argument in (string[])["-u", "postgres", "--", command])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"{command} failed: {await output}{await error}");
    }
}
