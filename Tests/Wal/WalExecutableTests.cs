using System.Diagnostics;
using IOx.Pg.Storage.Wal;

namespace IOx.Pg.Tests.Wal;

/// <summary>The ioxpg executable on a damaged WAL: a clear message and exit code 1, never an unhandled exception.</summary>
public sealed class WalExecutableTests
{
    [Fact]
    public async Task CorruptWalIsAClearStartUpError()
    {
        string dataDir = Path.Combine(Path.GetTempPath(), "ioxpg-walexe-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new WalOptions { Directory = Path.Combine(dataDir, "wal") };
            using (var writer = new WalWriter(options, 1))
            {
                await writer.Append("db", 0, WalFormat.FlagAcceptPartial, 0, "m v=1 1"u8, out _);
                await writer.Append("db", 0, WalFormat.FlagAcceptPartial, 0, "m v=2 2"u8, out _);
            }

            string segment = WalSegmentFile.List(options.Directory).Single().Path;
            byte[] bytes = await File.ReadAllBytesAsync(segment);
            bytes[WalFormat.HeaderSize + WalFormat.FrameHeaderSize + 23] ^= 0xFF;
            await File.WriteAllBytesAsync(segment, bytes);

            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "ioxpg.dll"), "serve", "--data-dir", dataDir, "--pg-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            string output = await stdout + await stderr;
            Assert.Equal(1, process.ExitCode);
            Assert.Contains($"WAL segment {segment} is corrupt at byte offset {WalFormat.HeaderSize}", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }
}
