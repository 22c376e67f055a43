using System.Diagnostics;

namespace IOx.Pg.Tests.Parquet;

/// <summary>
/// The reference Zstandard command-line tool (Debian package zstd, installed by scripts/test.sh):
/// compresses test data for our decoder and checks frames our encoder writes. Missing, it fails
/// the calling test with the reason; it is never skipped.
/// </summary>
internal static class ZstdCli
{
    /// <summary>Runs <c>zstd</c> with <paramref name="arguments"/> on <paramref name="input"/>; returns its output bytes.</summary>
    public static byte[] Run(byte[] input, params string[] arguments)
    {
        string directory = Directory.CreateTempSubdirectory("iox-zstd-").FullName;
        try
        {
            string inputPath = Path.Combine(directory, "in");
            string outputPath = Path.Combine(directory, "out");
            File.WriteAllBytes(inputPath, input);
            var start = new ProcessStartInfo("zstd")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add("-q");
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add(inputPath);
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(outputPath);
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("zstd did not start");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException($"the zstd tool is not installed ({e.Message}): scripts/test.sh installs Debian's zstd", e);
            }

            using (process)
            {
                Task<string> stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(60_000))
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException("zstd did not finish within 60 s");
                }

                if (process.ExitCode != 0)
                {
                    throw new ZstdCliException($"zstd {string.Join(' ', arguments)} failed: {stderr.Result}");
                }
            }

            return File.ReadAllBytes(outputPath);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The reference tool refused its input.</summary>
    internal sealed class ZstdCliException(string message) : Exception(message);
}
