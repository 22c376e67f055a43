namespace IOx.Pg.Storage.Wal;

/// <summary>
/// The WAL holds damage replay may not silently skip: a bad record followed by valid ones, or
/// any bad record or header in a segment that is not the last. Startup stops with this message
/// unless recovery was asked for explicitly.
/// </summary>
public sealed class WalCorruptException : Exception
{
    /// <summary>Creates the error for <paramref name="segmentPath"/> at byte <paramref name="offset"/>.</summary>
    public WalCorruptException(string segmentPath, long offset, string reason)
        : base($"WAL segment {segmentPath} is corrupt at byte offset {offset}: {reason}; start with --wal-recover to skip the rest of that segment (the skipped writes are lost)")
    {
        SegmentPath = segmentPath;
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The damaged segment file.</summary>
    public string SegmentPath { get; }

    /// <summary>Byte offset of the damage in the file.</summary>
    public long Offset { get; }

    /// <summary>What is wrong there.</summary>
    public string Reason { get; }
}
