using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// corr(y, x), covar_pop(y, x), covar_samp(y, x) and the regr_* family over double precision
/// (PostgreSQL; InfluxDB 3 also spells covar_samp covar). Rows where either argument is NULL are
/// skipped. The sums follow PostgreSQL's float8_regr_accum (Youngs-Cramer: N, Sx, Sy and the
/// centred Sxx, Syy, Sxy, updated in input order), so results match PostgreSQL's. covar_pop is
/// Sxy/N (NULL without rows), covar_samp Sxy/(N − 1) (NULL below two rows), corr Sxy/√(Sxx·Syy)
/// (NULL without rows or when either variance is zero). As PostgreSQL's float8_regr_* finals:
/// regr_count is N (0 without rows, never NULL); regr_sxx/syy/sxy are the centred sums and
/// regr_avgx/avgy Sx/N, Sy/N (NULL without rows); regr_slope Sxy/Sxx and regr_intercept
/// (Sy − Sx·Sxy/Sxx)/N (NULL without rows or when Sxx is 0); regr_r2 Sxy²/(Sxx·Syy), 1 when Syy is
/// 0, NULL without rows or when Sxx is 0.
/// </summary>
public sealed class CovarianceAccumulator(AggregateKind kind) : Accumulator, ITwoArgumentAccumulator
{
    /// <summary>N, Sx, Sy, Sxx, Syy, Sxy per group, six doubles each.</summary>
    private double[] _sums = new double[16 * 6];

    /// <inheritdoc/>
    public override DataType ResultType => kind == AggregateKind.RegrCount ? DataType.Int64 : DataType.Float64;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount) => Grow(ref _sums, groupCount * 6);

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds) =>
        throw new InvalidOperationException($"{kind} takes two arguments");

    /// <inheritdoc/>
    public void Update(Column input, Column second, ReadOnlySpan<int> groupIds)
    {
        var y = (PrimitiveColumn<double>)input;
        var x = (PrimitiveColumn<double>)second;
        ReadOnlySpan<double> yv = y.Values;
        ReadOnlySpan<double> xv = x.Values;
        bool nulls = y.NullCount > 0 || x.NullCount > 0;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (nulls && (!y.IsValid(i) || !x.IsValid(i)))
            {
                continue;
            }

            Add(groupIds[i] * 6, yv[i], xv[i]);
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        if (kind == AggregateKind.RegrCount)
        {
            var counts = new long[groupCount];
            for (int g = 0; g < groupCount; g++)
            {
                counts[g] = (long)_sums[g * 6];
            }

            return new PrimitiveColumn<long>(DataType.Int64, counts, groupCount, null, 0);
        }

        var seen = new bool[groupCount];
        var result = new double[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            int s = g * 6;
            double n = _sums[s];
            double sx = _sums[s + 1], sy = _sums[s + 2];
            double sxx = _sums[s + 3], syy = _sums[s + 4], sxy = _sums[s + 5];
            switch (kind)
            {
                case AggregateKind.CovarPop when n > 0:
                    result[g] = sxy / n;
                    seen[g] = true;
                    break;
                case AggregateKind.CovarSamp when n > 1:
                    result[g] = sxy / (n - 1);
                    seen[g] = true;
                    break;
                case AggregateKind.Corr when n > 0 && sxx != 0 && syy != 0:
                    result[g] = sxy / Math.Sqrt(sxx * syy);
                    seen[g] = true;
                    break;
                case AggregateKind.RegrSxx when n > 0:
                    result[g] = sxx;
                    seen[g] = true;
                    break;
                case AggregateKind.RegrSyy when n > 0:
                    result[g] = syy;
                    seen[g] = true;
                    break;
                case AggregateKind.RegrSxy when n > 0:
                    result[g] = sxy;
                    seen[g] = true;
                    break;
                case AggregateKind.RegrAvgX when n > 0:
                    result[g] = sx / n;
                    seen[g] = true;
                    break;
                case AggregateKind.RegrAvgY when n > 0:
                    result[g] = sy / n;
                    seen[g] = true;
                    break;
                case AggregateKind.RegrSlope when n > 0 && sxx != 0:
                    result[g] = sxy / sxx;
                    seen[g] = true;
                    break;
                case AggregateKind.RegrIntercept when n > 0 && sxx != 0:
                    result[g] = (sy - (sx * sxy / sxx)) / n;
                    seen[g] = true;
                    break;
                case AggregateKind.RegrR2 when n > 0 && sxx != 0:
                    result[g] = syy == 0 ? 1.0 : sxy * sxy / (sxx * syy);
                    seen[g] = true;
                    break;
            }
        }

        byte[]? validity = ValidityFrom(seen, groupCount, out int nullCount);
        return new PrimitiveColumn<double>(DataType.Float64, result, groupCount, validity, nullCount);
    }

    /// <summary>float8_regr_accum's update of one (y, x) pair into the sums at <paramref name="s"/>.</summary>
    private void Add(int s, double y, double x)
    {
        double previous = _sums[s];
        double n = previous + 1.0;
        double sx = _sums[s + 1] + x;
        double sy = _sums[s + 2] + y;
        if (previous > 0.0)
        {
            double tmpX = (x * n) - sx;
            double tmpY = (y * n) - sy;
            double scale = 1.0 / (n * previous);
            _sums[s + 3] += tmpX * tmpX * scale;
            _sums[s + 4] += tmpY * tmpY * scale;
            _sums[s + 5] += tmpX * tmpY * scale;
        }

        _sums[s] = n;
        _sums[s + 1] = sx;
        _sums[s + 2] = sy;
    }
}
