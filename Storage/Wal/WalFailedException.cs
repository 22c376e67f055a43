namespace IOx.Pg.Storage.Wal;

/// <summary>
/// A record could not be made durable: writing or fsyncing the log failed (after which the log
/// refuses every later append, since what reached the disk is unknown), or the log was closed.
/// </summary>
public sealed class WalFailedException : Exception
{
    /// <summary>Creates the error.</summary>
    public WalFailedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
