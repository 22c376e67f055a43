using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// var_samp, var_pop, stddev_samp, stddev_pop over real / double precision, with PostgreSQL's
/// float8_accum (the Youngs-Cramer update of N, Sx and Sxx, which avoids the cancellation of
/// Sxx − Sx²/N) in input order, so results are bit-identical with PostgreSQL's. An Inf or NaN
/// input makes Sxx NaN, as there. Sample forms are NULL below two rows, population forms below one.
/// </summary>
public sealed class FloatVarianceAccumulator(bool sample, bool root) : Accumulator
{
    /// <summary>N per group.</summary>
    private double[] _n = new double[16];

    /// <summary>Sum of inputs per group.</summary>
    private double[] _sx = new double[16];

    /// <summary>Sum of squared deviations per group.</summary>
    private double[] _sxx = new double[16];

    /// <inheritdoc/>
    public override DataType ResultType => DataType.Float64;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
        Grow(ref _n, groupCount);
        Grow(ref _sx, groupCount);
        Grow(ref _sxx, groupCount);
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        if (input is PrimitiveColumn<float> f)
        {
            ReadOnlySpan<float> fv = f.Values;
            for (int i = 0; i < groupIds.Length; i++)
            {
                if (f.IsValid(i))
                {
                    Add(groupIds[i], fv[i]);
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
                Add(groupIds[i], values[i]);
            }

            return;
        }

        for (int i = 0; i < groupIds.Length; i++)
        {
            if (c.IsValid(i))
            {
                Add(groupIds[i], values[i]);
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
            double n = _n[g];
            seen[g] = sample ? n > 1.0 : n > 0.0;
            if (seen[g])
            {
                double variance = _sxx[g] / (sample ? n - 1.0 : n);
                result[g] = root ? Math.Sqrt(variance) : variance;
            }
        }

        byte[]? validity = ValidityFrom(seen, groupCount, out int nullCount);
        return new PrimitiveColumn<double>(DataType.Float64, result, groupCount, validity, nullCount);
    }

    /// <summary>float8_accum: N += 1; Sx += x; Sxx += (x·N − Sx)² / (N·(N − 1)) after the first row.</summary>
    private void Add(int g, double x)
    {
        double previous = _n[g];
        double n = previous + 1.0;
        double sx = _sx[g] + x;
        _n[g] = n;
        _sx[g] = sx;
        if (previous > 0.0)
        {
            double tmp = (x * n) - sx;
            double sxx = _sxx[g] + (tmp * tmp / (n * previous));
            _sxx[g] = double.IsInfinity(sx) || double.IsInfinity(sxx) ? double.NaN : sxx;
        }
        else if (double.IsNaN(x) || double.IsInfinity(x))
        {
            _sxx[g] = double.NaN;
        }
    }
}
