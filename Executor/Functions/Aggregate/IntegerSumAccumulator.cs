using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// sum and avg over integers: exact Int128 sums. sum(smallint|integer) → bigint (22003 beyond it),
/// sum(bigint) → numeric, avg(any integer) → numeric with PostgreSQL's division scale. NULL for a
/// group without non-null input.
/// </summary>
public sealed class IntegerSumAccumulator(DataType inputType, bool average) : Accumulator
{
    /// <summary>Sum per group.</summary>
    private Int128[] _sums = new Int128[16];

    /// <summary>Non-null input count per group.</summary>
    private long[] _counts = new long[16];

    /// <inheritdoc/>
    public override DataType ResultType => average || inputType == DataType.Int64 ? DataType.Numeric : DataType.Int64;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
        Grow(ref _sums, groupCount);
        Grow(ref _counts, groupCount);
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        switch (input)
        {
            case PrimitiveColumn<long> c:
                Add(c.Values, c, groupIds);
                break;
            case PrimitiveColumn<int> c:
                Add(c.Values, c, groupIds);
                break;
            case PrimitiveColumn<short> c:
                Add(c.Values, c, groupIds);
                break;
            default:
                throw new InvalidOperationException("integer sum over " + input?.Type);
        }
    }

    /// <summary>The update loop, split on whether there are nulls.</summary>
    private void Add<T>(ReadOnlySpan<T> values, Column column, ReadOnlySpan<int> groupIds)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        Int128[] sums = _sums;
        long[] counts = _counts;
        if (column.NullCount == 0)
        {
            for (int i = 0; i < groupIds.Length; i++)
            {
                int g = groupIds[i];
                sums[g] += Int128.CreateTruncating(values[i]);
                counts[g]++;
            }

            return;
        }

        ReadOnlySpan<byte> valid = column.Validity;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if ((valid[i >> 3] & (1 << (i & 7))) != 0)
            {
                int g = groupIds[i];
                sums[g] += Int128.CreateTruncating(values[i]);
                counts[g]++;
            }
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        byte[]? validity = ValidityFrom(Seen(groupCount), groupCount, out int nullCount);
        if (ResultType == DataType.Int64)
        {
            var result = new long[groupCount];
            for (int g = 0; g < groupCount; g++)
            {
                if (_sums[g] > long.MaxValue || _sums[g] < long.MinValue)
                {
                    throw ArithmeticKernels.OutOfRange(DataType.Int64);
                }

                result[g] = (long)_sums[g];
            }

            return new PrimitiveColumn<long>(DataType.Int64, result, groupCount, validity, nullCount);
        }

        var numeric = new decimal[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            if (_counts[g] == 0)
            {
                continue;
            }

            decimal sum = (decimal)_sums[g];
            numeric[g] = average ? NumericMath.Divide(sum, _counts[g]) : sum;
        }

        return new PrimitiveColumn<decimal>(DataType.Numeric, numeric, groupCount, validity, nullCount);
    }

    /// <summary>Which groups saw a value.</summary>
    private bool[] Seen(int groupCount)
    {
        var seen = new bool[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            seen[g] = _counts[g] > 0;
        }

        return seen;
    }
}
