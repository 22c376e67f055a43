using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>sum and avg over numeric (and unsigned 64-bit fields, which SQL sees as numeric) → numeric.</summary>
public sealed class NumericSumAccumulator(bool average) : Accumulator
{
    /// <summary>Sum per group.</summary>
    private decimal[] _sums = new decimal[16];

    /// <summary>Non-null input count per group.</summary>
    private long[] _counts = new long[16];

    /// <inheritdoc/>
    public override DataType ResultType => DataType.Numeric;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
        Grow(ref _sums, groupCount);
        Grow(ref _counts, groupCount);
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        try
        {
            if (input is PrimitiveColumn<ulong> u)
            {
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (u.IsValid(i))
                    {
                        _sums[groupIds[i]] += u.Values[i];
                        _counts[groupIds[i]]++;
                    }
                }

                return;
            }

            var c = (PrimitiveColumn<decimal>)input!;
            for (int i = 0; i < groupIds.Length; i++)
            {
                if (c.IsValid(i))
                {
                    _sums[groupIds[i]] += c.Values[i];
                    _counts[groupIds[i]]++;
                }
            }
        }
        catch (OverflowException)
        {
            throw ArithmeticKernels.OutOfRange(DataType.Numeric);
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        var seen = new bool[groupCount];
        var result = new decimal[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            seen[g] = _counts[g] > 0;
            result[g] = average && seen[g] ? NumericMath.Divide(_sums[g], _counts[g]) : _sums[g];
        }

        byte[]? validity = ValidityFrom(seen, groupCount, out int nullCount);
        return new PrimitiveColumn<decimal>(DataType.Numeric, result, groupCount, validity, nullCount);
    }
}
