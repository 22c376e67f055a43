namespace IOx.Pg.Storage.Wal;

/// <summary>Settings of the write-ahead log.</summary>
public sealed class WalOptions
{
    /// <summary>Default <see cref="SegmentMaxBytes"/>: 64 MiB.</summary>
    public const long DefaultSegmentMaxBytes = 64L << 20;

    /// <summary>The directory holding the segments (<c>&lt;data-dir&gt;/wal</c>); created when missing.</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// A segment is closed and a new one started before a group would take it past this size.
    /// A single group larger than this still goes into one segment (records never span segments).
    /// </summary>
    public long SegmentMaxBytes { get; init; } = DefaultSegmentMaxBytes;

    /// <summary>
    /// How long the flusher waits, after the first record of a group arrives, for more records to
    /// join the group before it writes and fsyncs. Zero: no wait, groups form from the records
    /// that arrive while the previous fsync runs. Rounded to whole milliseconds.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.Zero;
}
