namespace IOx.Pg.Storage.Persist;

/// <summary>When and how compaction merges a table partition's files.</summary>
public sealed class CompactionOptions
{
    /// <summary>Merge a partition once it has at least this many small files in a row (newest last).</summary>
    public int MinFiles { get; init; } = 4;

    /// <summary>Files at or above this size are not small; merged output is split near this size.</summary>
    public long TargetFileBytes { get; init; } = 100L << 20;

    /// <summary>How long replaced files stay readable for queries planned before the swap.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromMinutes(5);
}
