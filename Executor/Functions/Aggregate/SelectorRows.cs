using System.Runtime.InteropServices;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// Gathers the winning rows of aggregates that pick one input row per group (first/last, the
/// selectors). A group names its winner as (the batch column holding it, row index), so any value
/// type works with no per-row copy while aggregating; the values are copied once here.
/// </summary>
public static class SelectorRows
{
    /// <summary>
    /// One value per group: row <paramref name="rows"/>[g] of <paramref name="sources"/>[g] where
    /// <paramref name="seen"/>[g], else NULL. One Take per distinct source column, one Concat, then
    /// one Take into group order; groups without a winner point at a trailing one-row NULL part.
    /// </summary>
    public static Column Gather(DataType type, ReadOnlySpan<Column?> sources, ReadOnlySpan<int> rows, ReadOnlySpan<bool> seen, int groupCount)
    {
        var sourceIds = new Dictionary<Column, int>(ReferenceEqualityComparer.Instance);
        var rowLists = new List<List<int>>();
        var slot = new int[groupCount];
        var position = new int[groupCount];
        bool anyEmpty = false;
        for (int g = 0; g < groupCount; g++)
        {
            if (!seen[g])
            {
                anyEmpty = true;
                slot[g] = -1;
                continue;
            }

            Column source = sources[g]!;
            if (!sourceIds.TryGetValue(source, out int id))
            {
                id = rowLists.Count;
                sourceIds.Add(source, id);
                rowLists.Add([]);
            }

            slot[g] = id;
            position[g] = rowLists[id].Count;
            rowLists[id].Add(rows[g]);
        }

        var ordered = new Column[rowLists.Count];
        foreach ((Column source, int id) in sourceIds)
        {
            ordered[id] = ColumnFactory.Take(source, CollectionsMarshal.AsSpan(rowLists[id]));
        }

        var parts = new List<Column>(ordered.Length + 1);
        var offsets = new int[ordered.Length];
        int offset = 0;
        for (int id = 0; id < ordered.Length; id++)
        {
            offsets[id] = offset;
            offset += ordered[id].Length;
            parts.Add(ordered[id]);
        }

        int nullIndex = offset;
        if (anyEmpty)
        {
            parts.Add(ColumnFactory.Constant(ScalarValue.Null(type), 1));
        }

        var permutation = new int[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            permutation[g] = slot[g] < 0 ? nullIndex : offsets[slot[g]] + position[g];
        }

        Column all = ColumnFactory.Concat(type, parts);
        return ColumnFactory.Take(all, permutation);
    }
}
