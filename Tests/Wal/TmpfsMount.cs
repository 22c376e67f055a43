using System.Diagnostics;

namespace IOx.Pg.Tests.Wal;

/// <summary>
/// A small tmpfs mounted on a fresh directory, for running out of space for real (root only, as
/// in CI). When the machine forbids the mount the test fails with mount's own message, never
/// skips. Disposing unmounts it and removes the directory.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    /// <summary>Mounts a tmpfs of <paramref name="sizeBytes"/> bytes.</summary>
    public TmpfsMount(long sizeBytes)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ioxpg-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        try
        {
            Run("mount", "-t", "tmpfs", "-o", $"size={sizeBytes}", "tmpfs", Path);
        }
        catch
        {
            Directory.Delete(Path);
            throw;
        }
    }

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Changes the file system's size in place (its files stay).</summary>
    public void Resize(long sizeBytes) => Run("mount", "-o", $"remount,size={sizeBytes}", Path);

    /// <inheritdoc/>
    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    /// <summary>Runs a command; a non-zero exit throws with its output.</summary>
    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {error.Trim()} — these tests need root and a container that allows tmpfs mounts");
        }
    }
}
