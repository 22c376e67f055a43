using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// Timescale's first(value, time) / last(value, time): the value of the row with the smallest
/// (largest) ordering key in each group. Rows whose key is NULL are ignored; a NULL value on the
/// winning row is the result (Timescale keeps it); ties keep the row seen first (strict
/// comparison). Ordering keys are int64 (timestamps, bigint; the binder widens the others).
/// A group remembers the winning row as (its batch's column, row index), so any value type works
/// with no per-row allocation or copy; the values are gathered once in <see cref="Finish"/>. The
/// price: a group's winning column stays referenced until the aggregation ends.
/// </summary>
public sealed class FirstLastAccumulator(DataType type, bool last) : Accumulator, ITwoArgumentAccumulator
{
    /// <summary>Best ordering key per group.</summary>
    private long[] _keys = new long[16];

    /// <summary>The column holding each group's winning value.</summary>
    private Column?[] _sources = new Column?[16];

    /// <summary>The winning row within <see cref="_sources"/>.</summary>
    private int[] _rows = new int[16];

    /// <summary>Whether the group has a winner yet.</summary>
    private bool[] _seen = new bool[16];

    /// <inheritdoc/>
    public override DataType ResultType => type;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
        Grow(ref _keys, groupCount);
        Grow(ref _sources, groupCount);
        Grow(ref _rows, groupCount);
        Grow(ref _seen, groupCount);
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds) =>
        throw new InvalidOperationException("first/last need their ordering column: call UpdateOrdered");

    /// <summary>Adds a batch: <paramref name="input"/> the values, <paramref name="ordering"/> the int64 keys.</summary>
    public void UpdateOrdered(Column input, Column ordering, ReadOnlySpan<int> groupIds)
    {
        var keyColumn = (PrimitiveColumn<long>)ordering;
        ReadOnlySpan<long> keys = keyColumn.Values;
        bool hasNulls = keyColumn.NullCount > 0;
        ReadOnlySpan<byte> valid = keyColumn.Validity;
        long[] best = _keys;
        Column?[] sources = _sources;
        int[] rows = _rows;
        bool[] seen = _seen;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (hasNulls && (valid[i >> 3] & (1 << (i & 7))) == 0)
            {
                continue;
            }

            int g = groupIds[i];
            long k = keys[i];
            if (!seen[g] || (last ? k > best[g] : k < best[g]))
            {
                best[g] = k;
                sources[g] = input;
                rows[g] = i;
                seen[g] = true;
            }
        }
    }

    /// <inheritdoc/>
    public void Update(Column input, Column second, ReadOnlySpan<int> groupIds) => UpdateOrdered(input, second, groupIds);

    /// <inheritdoc/>
    public override Column Finish(int groupCount) => SelectorRows.Gather(type, _sources, _rows, _seen, groupCount);
}
