using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// sum and avg over real / double precision: float8 sums in input order (as PostgreSQL's
/// float8_accum). sum(real) → real, sum(double precision) → double precision, avg → double precision.
/// </summary>
public sealed class FloatSumAccumulator(DataType inputType, bool average) : Accumulator
{
    /// <summary>Sum per group.</summary>
    private double[] _sums = new double[16];

    /// <summary>Non-null input count per group.</summary>
    private long[] _counts = new long[16];

    /// <inheritdoc/>
    public override DataType ResultType => average ? DataType.Float64 : inputType;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
        Grow(ref _sums, groupCount);
        Grow(ref _counts, groupCount);
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        double[] sums = _sums;
        long[] counts = _counts;
        if (input is PrimitiveColumn<float> f)
        {
            ReadOnlySpan<float> fv = f.Values;
            for (int i = 0; i < groupIds.Length; i++)
            {
                if (f.IsValid(i))
                {
                    sums[groupIds[i]] += fv[i];
                    counts[groupIds[i]]++;
                }
            }

            return;
        }

        var c = (PrimitiveColumn<double>)input!;
        ReadOnlySpan<double> values = c.Values;
        if (c.NullCount == 0)
        {
            for (int i = 0; i < groupIds.Length; i++)
            {
                int g = groupIds[i];
                sums[g] += values[i];
                counts[g]++;
            }

            return;
        }

        ReadOnlySpan<byte> valid = c.Validity;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if ((valid[i >> 3] & (1 << (i & 7))) != 0)
            {
                int g = groupIds[i];
                sums[g] += values[i];
                counts[g]++;
            }
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        var seen = new bool[groupCount];
        var result = new double[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            seen[g] = _counts[g] > 0;
            result[g] = average && seen[g] ? _sums[g] / _counts[g] : _sums[g];
        }

        byte[]? validity = ValidityFrom(seen, groupCount, out int nullCount);
        if (ResultType == DataType.Float32)
        {
            var floats = new float[groupCount];
            for (int g = 0; g < groupCount; g++)
            {
                floats[g] = (float)result[g];
            }

            return new PrimitiveColumn<float>(DataType.Float32, floats, groupCount, validity, nullCount);
        }

        return new PrimitiveColumn<double>(DataType.Float64, result, groupCount, validity, nullCount);
    }
}
