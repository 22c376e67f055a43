using System.Diagnostics;
using System.Globalization;
using System.Net;
using IOx.Pg.Bench.Load;
using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Server.Hosting;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.Wal;
using IOx.Pg.Storage.WriteBuffer;
using Microsoft.Extensions.Logging;

namespace IOx.Pg.Bench.Wal;

/// <summary>
/// <c>walreplay [--gib G] [--hosts N] [--dir D]</c>: logs about G GiB (default 1) of TSBS cpu-only
/// line protocol into a WAL through the server's write path (10,000-line requests, as the load tool sends), then starts a real
/// server on that data directory and times its start-up (WAL replay into the write buffer, until
/// the listeners are up). Prints seconds per GiB of logged line protocol and rows per second.
/// </summary>
public static class WalReplayCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        double gib = 1;
        int hosts = 1000;
        string? parent = null;
        if (!CommandOptions.TryParse(args, ["--gib", "--hosts", "--dir"], out CommandOptions options))
        {
            return 2;
        }

        gib = options.Double("--gib", gib);
        hosts = options.Int("--hosts", hosts);
        parent = options.Text("--dir", parent);

        string dataDir = Path.Combine(parent ?? Path.GetTempPath(), "ioxpg-bench-walreplay-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        try
        {
            long target = (long)(gib * (1L << 30));
            (long lines, long bytes, long records, TimeSpan logTime) = WriteLog(Path.Combine(dataDir, "wal"), hosts, target);
            long walBytes = 0;
            foreach (string file in Directory.GetFiles(Path.Combine(dataDir, "wal")))
            {
                walBytes += new FileInfo(file).Length;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logged {lines} lines in {records} records: {bytes / 1048576.0:F0} MiB of line protocol, {walBytes / 1048576.0:F0} MiB of WAL, in {logTime.TotalSeconds:F1} s"));

            // A start on an empty data directory first: the fixed start-up cost (listeners, catalog, JIT), reported apart.
            using ILoggerFactory loggers = LoggerFactory.Create(_ => { });
            string emptyDir = Path.Combine(dataDir, "empty");
            TimeSpan fixedCost = TimeStart(emptyDir, loggers, out _);
            Directory.Delete(emptyDir, recursive: true);

            // Start-up replay: the server's own path (replay, then listeners).
            GC.Collect();
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            TimeSpan elapsed = TimeStart(dataDir, loggers, out long rows);
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

            double gibLogged = bytes / (double)(1L << 30);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"start-up with replay: {rows} rows in {elapsed.TotalSeconds:F2} s (CPU {cpu.TotalSeconds:F2} s; an empty start takes {fixedCost.TotalSeconds:F2} s) = {elapsed.TotalSeconds / gibLogged:F2} s per GiB of line protocol, {rows / elapsed.TotalSeconds:F0} rows/s, {bytes / 1048576.0 / elapsed.TotalSeconds:F0} MiB/s; "
                + $"per CPU second (the measure on a shared machine): {cpu.TotalSeconds / gibLogged:F2} CPU s per GiB, {rows / cpu.TotalSeconds:F0} rows"));
            if (rows != lines)
            {
                Console.Error.WriteLine($"replayed {rows} rows, logged {lines}");
                return 1;
            }

            return 0;
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>Starts (and stops) a server on <paramref name="dataDir"/>; returns how long the start took and the cpu rows it then held.</summary>
    private static TimeSpan TimeStart(string dataDir, ILoggerFactory loggers, out long rows)
    {
        var options = new ServerOptions
        {
            DataDir = dataDir,
            PgListen = new IPEndPoint(IPAddress.Loopback, 0),
            HttpListen = new IPEndPoint(IPAddress.Loopback, 0),

            // Replay only: no background persist while measuring.
            PersistMaxBufferBytes = long.MaxValue,
            PersistMaxAge = TimeSpan.FromDays(365),
        };
        var host = new ServerHost(options, loggers);
        var watch = Stopwatch.StartNew();
        host.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        TimeSpan elapsed = watch.Elapsed;
        rows = host.Storage.GetOrCreateDatabase("benchmark").GetOrCreateTable("cpu").RowCount;
        host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return elapsed;
    }

    /// <summary>Appends TSBS requests through the server's write path to a fresh WAL until <paramref name="targetBytes"/> of line protocol are durable.</summary>
    private static (long Lines, long Bytes, long Records, TimeSpan Elapsed) WriteLog(string directory, int hosts, long targetBytes)
    {
        // Enough hours that the generator never runs dry before the target (≈ 250 bytes a line).
        double hours = Math.Max(1, targetBytes / 250.0 / hosts * 10 / 3600 * 1.5);
        var generator = new CpuDataGenerator(hosts, hours, new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var parserBuffers = new LineParserBuffers();
        long lines = 0;
        long bytes = 0;
        long records = 0;
        var watch = Stopwatch.StartNew();
        using (var wal = new WalWriter(new WalOptions { Directory = directory }, 1))
        {
            // Apply, then log, as a request does; the buffer is dropped afterwards.
            var writer = new DurableLineWriter(new WriteBuffer(), wal);
            Task last = Task.CompletedTask;
            foreach ((byte[] body, int count) in generator.Batches(10_000))
            {
                writer.Write("benchmark", body, new LineWriteOptions(TimestampPrecision.Nanosecond, 0, AcceptPartial: true), parserBuffers, out last);
                lines += count;
                bytes += body.Length;
                records++;
                if (records % 16 == 0)
                {
                    // Bound what waits in memory for the flusher.
                    last.GetAwaiter().GetResult();
                }

                if (bytes >= targetBytes)
                {
                    break;
                }
            }

            last.GetAwaiter().GetResult();
        }

        return (lines, bytes, records, watch.Elapsed);
    }
}
