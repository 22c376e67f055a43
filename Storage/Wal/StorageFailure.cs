namespace IOx.Pg.Storage.Wal;

/// <summary>What kind of file-system failure an exception (or one of its causes) reports.</summary>
public enum StorageFailureKind
{
    /// <summary>Anything else.</summary>
    Other,

    /// <summary>No space left on the device, or a disk quota exhausted.</summary>
    NoSpace,

    /// <summary>The process may not write there (permissions) or the file system is mounted read-only.</summary>
    NotWritable,
}

/// <summary>
/// Classifies file-system failures so the write path can tell a client "disk full" (HTTP 507)
/// apart from other unavailability. On Unix, .NET's <see cref="IOException"/> carries the raw
/// errno as its HResult; EACCES and EPERM surface as <see cref="UnauthorizedAccessException"/>.
/// </summary>
public static class StorageFailure
{
    /// <summary>ENOSPC on Linux.</summary>
    private const int Enospc = 28;

    /// <summary>EDQUOT on Linux.</summary>
    private const int Edquot = 122;

    /// <summary>EROFS on Linux.</summary>
    private const int Erofs = 30;

    /// <summary>Windows ERROR_DISK_FULL as an HRESULT.</summary>
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    /// <summary>Windows ERROR_HANDLE_DISK_FULL as an HRESULT.</summary>
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>The kind of the first cause in <paramref name="error"/>'s chain that has one.</summary>
    public static StorageFailureKind Classify(Exception? error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is UnauthorizedAccessException)
            {
                return StorageFailureKind.NotWritable;
            }

            if (e is IOException io)
            {
                switch (io.HResult)
                {
                    case Enospc or Edquot or WindowsDiskFull or WindowsHandleDiskFull:
                        return StorageFailureKind.NoSpace;
                    case Erofs:
                        return StorageFailureKind.NotWritable;
                }
            }
        }

        return StorageFailureKind.Other;
    }
}
