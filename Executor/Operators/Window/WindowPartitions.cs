namespace IOx.Pg.Executor.Operators.Window;

/// <summary>
/// The structure of rows sorted by (partition keys, order keys), in sorted positions 0..n-1:
/// where each partition and each peer group (rows equal in every ORDER BY key, never crossing a
/// partition) starts and ends. Computed once per window specification in one pass of adjacent
/// key comparisons; every window function reads these arrays instead of comparing rows again.
/// </summary>
public sealed class WindowPartitions
{
    /// <summary>Builds the boundaries of <paramref name="order"/> (row indices in sorted order).</summary>
    public WindowPartitions(int[] order, KeyEquality partitionKeys, KeyEquality orderKeys, bool hasPartition, bool hasOrder)
    {
        int n = order.Length;
        Count = n;
        PartitionStart = new int[n];
        PartitionEnd = new int[n];
        PeerGroup = new int[n];
        var groupStarts = new List<int>();
        int partitionStart = 0;
        for (int p = 0; p < n; p++)
        {
            bool newPartition = p == 0 || (hasPartition && !partitionKeys.Same(order[p - 1], order[p]));
            bool newGroup = newPartition || (hasOrder && !orderKeys.Same(order[p - 1], order[p]));
            if (newPartition)
            {
                for (int q = partitionStart; q < p; q++)
                {
                    PartitionEnd[q] = p;
                }

                partitionStart = p;
            }

            if (newGroup)
            {
                groupStarts.Add(p);
            }

            PartitionStart[p] = partitionStart;
            PeerGroup[p] = groupStarts.Count - 1;
        }

        for (int q = partitionStart; q < n; q++)
        {
            PartitionEnd[q] = n;
        }

        groupStarts.Add(n);
        GroupStart = groupStarts.ToArray();
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>Per position: the first position of its partition.</summary>
    public int[] PartitionStart { get; }

    /// <summary>Per position: one past the last position of its partition.</summary>
    public int[] PartitionEnd { get; }

    /// <summary>Per position: its peer group's number (global, increasing with position).</summary>
    public int[] PeerGroup { get; }

    /// <summary>Per peer group: its first position; one extra entry holds <see cref="Count"/>.</summary>
    public int[] GroupStart { get; }

    /// <summary>The first position of <paramref name="p"/>'s peer group.</summary>
    public int PeerStart(int p) => GroupStart[PeerGroup[p]];

    /// <summary>One past the last position of <paramref name="p"/>'s peer group.</summary>
    public int PeerEnd(int p) => GroupStart[PeerGroup[p] + 1];
}
