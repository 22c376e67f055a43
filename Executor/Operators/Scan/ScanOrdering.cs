using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Executor.Operators.Scan;

/// <summary>
/// The sortedness property of a table scan: whether it delivers its rows sorted by (tag columns
/// by name, time), the order of persisted files and of <see cref="DedupKernel"/>'s output. It
/// holds when the sources the scan reads form one group of overlapping sources (see
/// <see cref="TableScanOperator"/>) that is either a single persisted file (written sorted; the
/// tombstone filter and page pruning only drop rows) or merged by deduplication (which sorts). It
/// does not hold for several groups (they are read one after the other by time, each sorted on
/// its own) nor for a buffer part read as is (the buffer is in arrival order). No sources at all
/// is trivially sorted. A file lacking some of the table's tags is still sorted by the table's
/// order: a missing tag reads as null, a constant within the file.
/// </summary>
public static class ScanOrdering
{
    /// <summary>
    /// Whether a scan of <paramref name="snapshot"/> over <paramref name="range"/> delivers rows
    /// sorted by <paramref name="order"/>: tag names, optionally followed by "time", that must be
    /// the first tags of the snapshot's own tag order (a tag added since planning could sort
    /// first), and "time" only after all of them.
    /// </summary>
    public static bool IsSortedBy(TableSnapshot snapshot, TimeRange range, IReadOnlyList<string> order)
    {
        int[] tags = DedupKernel.TagOrder(snapshot.Schema);
        int n = order.Count;
        if (n > 0 && order[n - 1] == "time")
        {
            n--;
            if (n != tags.Length)
            {
                return false;
            }
        }

        if (n > tags.Length)
        {
            return false;
        }

        for (int i = 0; i < n; i++)
        {
            if (!string.Equals(snapshot.Schema[tags[i]].Name, order[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return IsSortedByTagsThenTime(snapshot, range);
    }

    /// <summary>Whether a scan of <paramref name="snapshot"/> over <paramref name="range"/> delivers rows sorted by (tags by name, time).</summary>
    public static bool IsSortedByTagsThenTime(TableSnapshot snapshot, TimeRange range)
    {
        if (range.IsEmpty)
        {
            return true;
        }

        // Mirrors TableScanOperator's source selection: which sources it reads and how it groups them.
        var spans = new List<(long Min, long Max, bool PlainBuffer)>(snapshot.Files.Count + snapshot.BufferSources.Count);
        foreach (PersistedFile file in snapshot.Files)
        {
            if (range.Overlaps(file.File.MinTime, file.File.MaxTime))
            {
                spans.Add((file.File.MinTime, file.File.MaxTime, false));
            }
        }

        foreach (BufferSource part in snapshot.BufferSources)
        {
            if (part.Batches.Count > 0 && range.Overlaps(part.MinTime, part.MaxTime))
            {
                spans.Add((part.MinTime, part.MaxTime, !part.MayHaveDuplicates));
            }
        }

        if (spans.Count <= 1)
        {
            // One source: a file is sorted; a buffer part only when it must be merged (the merge sorts).
            return spans.Count == 0 || !spans[0].PlainBuffer;
        }

        // Several sources: sorted only when they overlap transitively (one merged group).
        spans.Sort(static (a, b) => a.Min.CompareTo(b.Min));
        long groupMax = spans[0].Max;
        for (int i = 1; i < spans.Count; i++)
        {
            if (spans[i].Min > groupMax)
            {
                return false;
            }

            groupMax = Math.Max(groupMax, spans[i].Max);
        }

        return true;
    }
}
