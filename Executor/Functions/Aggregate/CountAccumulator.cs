using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>count(*) (every row) or count(x) (rows where x is not NULL) → bigint; 0 for a group without such rows.</summary>
public sealed class CountAccumulator(bool star) : Accumulator
{
    /// <summary>Count per group.</summary>
    private long[] _counts = new long[16];

    /// <inheritdoc/>
    public override DataType ResultType => DataType.Int64;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount) => Grow(ref _counts, groupCount);

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        long[] counts = _counts;
        if (star || input is null || input.NullCount == 0)
        {
            foreach (int g in groupIds)
            {
                counts[g]++;
            }

            return;
        }

        ReadOnlySpan<byte> valid = input.Validity;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if ((valid[i >> 3] & (1 << (i & 7))) != 0)
            {
                counts[groupIds[i]]++;
            }
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount) =>
        new PrimitiveColumn<long>(DataType.Int64, _counts.AsSpan(0, groupCount).ToArray(), groupCount);
}
