using System.Diagnostics;
using IOx.Pg.Storage.ObjectStore;
using IOx.Pg.Tests.Parquet;

namespace IOx.Pg.Tests.ObjectStore;

/// <summary>
/// A real S3-compatible server (the npm package s3rver, installed in Tests/Interop by
/// scripts/test.sh) on a free loopback port with one empty bucket, for one test class. Missing
/// node or package fails the tests with the reason; they are never skipped.
/// </summary>
public sealed class S3rver : IDisposable
{
    /// <summary>The bucket created at start.</summary>
    public const string BucketName = "ioxpg";

    /// <summary>s3rver's fixed credentials (it checks signatures against them).</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>The node process.</summary>
    private readonly Process _process;

    /// <summary>s3rver's data directory.</summary>
    private readonly TempDirectory _data = new();

    /// <summary>What s3rver printed on stderr (for failure messages).</summary>
    private readonly System.Text.StringBuilder _stderr = new();

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public S3rver()
    {
        string interop = DuckDb.InteropDirectory();
        string script = Path.Combine(interop, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"s3rver is not installed in {interop}: run `npm install` there (scripts/test.sh does)");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = interop,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // s3rver encrypts its list continuation tokens with DES, which OpenSSL 3 keeps in the legacy provider.
        start.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        foreach (string argument in new[] { Path.Combine(interop, "s3rver-run.mjs"), _data.Path, BucketName })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"node is not installed or not on PATH ({e.Message}): scripts/test.sh installs it", e);
        }

        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        // s3rver-run.mjs prints "listening <port>" once the server accepts connections.
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("listening ", StringComparison.Ordinal))
            {
                listening.TrySetResult(int.Parse(line.AsSpan("listening ".Length), System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"s3rver exited with {_process.ExitCode}: {StandardError()}"));
        _process.EnableRaisingEvents = true;
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        if (!listening.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            Dispose();
            throw new TimeoutException($"s3rver did not report listening within 30 s: {StandardError()}");
        }

        Endpoint = new Uri($"http://127.0.0.1:{listening.Task.Result}");
    }

    /// <summary>The server's URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>Options for a store under <paramref name="prefix"/> of the bucket.</summary>
    public S3ObjectStoreOptions Options(string prefix, int listPageSize = 1000) => new()
    {
        Bucket = BucketName,
        Endpoint = Endpoint,
        Region = "us-east-1",
        Prefix = prefix,
        ForcePathStyle = true,
        AccessKeyId = AccessKey,
        SecretAccessKey = AccessKey,
        ListPageSize = listPageSize,
    };

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
            _data.Dispose();
        }
    }

    /// <summary>What s3rver printed on stderr so far.</summary>
    private string StandardError()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }
}
