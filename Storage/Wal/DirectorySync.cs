using System.Runtime.InteropServices;

namespace IOx.Pg.Storage.Wal;

/// <summary>
/// fsync of a directory, so that a created, renamed or deleted file's directory entry is durable
/// (a file's own fsync does not cover its name on Linux). .NET cannot open a directory as a
/// FileStream, hence the direct libc calls. On Windows, where NTFS journals metadata and
/// directories cannot be fsynced this way, it does nothing.
/// </summary>
internal static partial class DirectorySync
{
    /// <summary>open(2) flag: read only.</summary>
    private const int ReadOnly = 0;

    /// <summary>Makes the entries of <paramref name="directory"/> durable.</summary>
    public static void Sync(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {directory} to fsync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>libc open(2).</summary>
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    /// <summary>libc fsync(2).</summary>
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    /// <summary>libc close(2).</summary>
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
