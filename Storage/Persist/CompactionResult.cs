namespace IOx.Pg.Storage.Persist;

/// <summary>What one compaction run did.</summary>
/// <param name="Partitions">Table partitions (days) rewritten.</param>
/// <param name="FilesIn">Files replaced.</param>
/// <param name="FilesOut">Files written.</param>
/// <param name="RowsIn">Rows read (before deletes and deduplication).</param>
/// <param name="RowsOut">Rows written.</param>
/// <param name="TombstonesDropped">Deletes made physical and dropped.</param>
public sealed record CompactionResult(int Partitions, int FilesIn, int FilesOut, long RowsIn, long RowsOut, int TombstonesDropped)
{
    /// <summary>Nothing done.</summary>
    public static CompactionResult Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The sum of two runs.</summary>
    public CompactionResult Add(CompactionResult other) => new(
        Partitions + other.Partitions,
        FilesIn + other.FilesIn,
        FilesOut + other.FilesOut,
        RowsIn + other.RowsIn,
        RowsOut + other.RowsOut,
        TombstonesDropped + other.TombstonesDropped);
}
