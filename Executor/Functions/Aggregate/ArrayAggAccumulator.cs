using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Operators.Sort;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// array_agg(value): per group, its values (NULLs included) in input order; NULL for a group
/// without rows. The input columns are kept as they arrive with each row's group id; at the end
/// they are concatenated once, rows are bucketed by group with a counting sort (stable, so input
/// order holds), and one gather builds the list column. With DISTINCT each group's values are
/// sorted (NULL last) and duplicates dropped, which is the order PostgreSQL gives.
/// </summary>
public sealed class ArrayAggAccumulator(DataType elementType, bool distinct) : Accumulator
{
    /// <summary>The argument columns of every batch, in arrival order.</summary>
    private readonly List<Column> _parts = [];

    /// <summary>The group of each row kept, in arrival order; the first <see cref="_rows"/> are in use.</summary>
    private int[] _groups = new int[1024];

    /// <summary>Rows kept.</summary>
    private int _rows;

    /// <inheritdoc/>
    public override DataType ResultType => DataType.List;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        _parts.Add(input!);
        Grow(ref _groups, _rows + groupIds.Length);
        groupIds.CopyTo(_groups.AsSpan(_rows));
        _rows += groupIds.Length;
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        Column all = _parts.Count == 0 ? ColumnBuilder.Create(elementType, 0).Build() : ColumnFactory.Concat(elementType, _parts);

        // Counting sort of the rows by group: starts[g] is where group g's rows begin.
        var starts = new int[groupCount + 1];
        for (int r = 0; r < _rows; r++)
        {
            starts[_groups[r] + 1]++;
        }

        for (int g = 0; g < groupCount; g++)
        {
            starts[g + 1] += starts[g];
        }

        var order = new int[_rows];
        var next = (int[])starts.Clone();
        for (int r = 0; r < _rows; r++)
        {
            order[next[_groups[r]]++] = r;
        }

        var offsets = new int[groupCount + 1];
        var validity = new byte[BitUtil.BytesFor(groupCount)];
        int nullCount = 0;
        int kept = 0;
        RowComparer? comparer = distinct ? new RowComparer([all], [new SortKey(0, Descending: false, NullsFirst: false)]) : null;
        for (int g = 0; g < groupCount; g++)
        {
            int from = starts[g];
            int to = starts[g + 1];
            if (from == to)
            {
                nullCount++;
                offsets[g + 1] = kept;
                continue;
            }

            BitUtil.Set(validity, g);
            if (comparer is null)
            {
                Array.Copy(order, from, order, kept, to - from);
                kept += to - from;
            }
            else
            {
                Array.Sort(order, from, to - from, comparer);
                int groupStart = kept;
                for (int k = from; k < to; k++)
                {
                    if (kept == groupStart || comparer.CompareKeys(order[kept - 1], order[k]) != 0)
                    {
                        order[kept++] = order[k];
                    }
                }
            }

            offsets[g + 1] = kept;
        }

        return new ListColumn(offsets, ColumnFactory.Take(all, order.AsSpan(0, kept)), groupCount, validity, nullCount);
    }
}
