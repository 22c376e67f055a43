namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// One group's quantile sketch. Exact while the group has at most <see cref="ExactLimit"/> values
/// (kept, sorted once at the end): the answer is then the t-digest estimate DataFusion (InfluxDB 3's
/// engine) gives when every value is its own centroid, which is what its approx_percentile_cont
/// holds for groups this small, so InfluxDB 3's documented outputs reproduce: with n sorted values
/// x₀..xₙ₋₁ and rank r = p·n, the value at i = min(⌊r⌋, n − 1) is moved by (r − i − ½)·δ, δ the
/// spacing of its neighbours ((xᵢ₊₁ − xᵢ₋₁)/2 inside, the one gap at either end), and clamped
/// between those neighbours; p = 0 and p = 1 are the minimum and maximum. Past that a DDSketch
/// (Masson, Rim and Lee, VLDB 2019) with relative accuracy α = 1 %: a value x ≠ 0 is counted in
/// bucket ⌈log_γ |x|⌉, γ = (1 + α)/(1 − α), and a bucket answers 2γ^k/(γ + 1), which is within α·|x|
/// of every x in it. There the quantile p is interpolated, as percentile_cont does, between the
/// bucket values at ranks ⌊p(n−1)⌋ and ⌈p(n−1)⌉, so the answer is within α·max(|x_lo|, |x_hi|) of
/// the exact percentile_cont whenever x_lo and x_hi (the exact order statistics at those ranks)
/// share a sign. ±Infinity and NaN are counted apart and sort as PostgreSQL sorts them
/// (−∞ &lt; numbers &lt; +∞ &lt; NaN). Memory past the exact phase: one counter per occupied bucket
/// (at most about 70 000 across the whole double range, a few hundred for typical data).
/// </summary>
public sealed class ApproxPercentileSketch
{
    /// <summary>The most values kept exactly.</summary>
    public const int ExactLimit = 4096;

    /// <summary>Relative accuracy α of the bucketed phase.</summary>
    public const double RelativeAccuracy = 0.01;

    /// <summary>γ = (1 + α)/(1 − α).</summary>
    private static readonly double s_gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);

    /// <summary>ln γ.</summary>
    private static readonly double s_logGamma = Math.Log(s_gamma);

    /// <summary>The exact phase's values; null once bucketed.</summary>
    private List<double>? _exact = [];

    /// <summary>Counts of positive finite values by bucket key.</summary>
    private Dictionary<int, long>? _positive;

    /// <summary>Counts of negative finite values by the bucket key of |x|.</summary>
    private Dictionary<int, long>? _negative;

    /// <summary>Counts of zeros, −∞, +∞ and NaN.</summary>
    private long _zeros, _negativeInfinities, _positiveInfinities, _nans;

    /// <summary>Values added.</summary>
    private long _count;

    /// <summary>Adds a value.</summary>
    public void Add(double x)
    {
        _count++;
        if (_exact is not null)
        {
            _exact.Add(x);
            if (_exact.Count > ExactLimit)
            {
                _positive = [];
                _negative = [];
                foreach (double v in _exact)
                {
                    AddToBuckets(v);
                }

                _exact = null;
            }

            return;
        }

        AddToBuckets(x);
    }

    /// <summary>The (approximate) percentile_cont at <paramref name="p"/> in [0, 1]; null without values.</summary>
    public double? Quantile(double p)
    {
        if (_count == 0)
        {
            return null;
        }

        if (_exact is not null)
        {
            double[] sorted = _exact.ToArray();
            Array.Sort(sorted, TotalOrder);
            return SingletonDigestEstimate(sorted, p);
        }

        double rank = p * (_count - 1);
        long lo = (long)Math.Floor(rank);
        long hi = (long)Math.Ceiling(rank);

        // Buckets in ascending value order: −∞, negatives by descending |x| key, 0, positives, +∞, NaN.
        int[] negativeKeys = SortedKeys(_negative!, descending: true);
        int[] positiveKeys = SortedKeys(_positive!, descending: false);
        return Interpolate(ValueAtRank(lo, negativeKeys, positiveKeys), ValueAtRank(hi, negativeKeys, positiveKeys), rank - lo, lo == hi);
    }

    /// <summary>
    /// DataFusion's t-digest quantile estimate over <paramref name="sorted"/> (at least one value)
    /// when each value is a centroid of weight 1 (see the type's summary).
    /// </summary>
    public static double SingletonDigestEstimate(double[] sorted, double p)
    {
        int n = sorted.Length;
        if (p <= 0)
        {
            return sorted[0];
        }

        if (p >= 1)
        {
            return sorted[n - 1];
        }

        double rank = p * n;
        int i = (int)Math.Min(Math.Floor(rank), n - 1);
        if (n == 1)
        {
            return sorted[0];
        }

        double delta, min, max;
        if (i == 0)
        {
            delta = sorted[1] - sorted[0];
            min = sorted[0];
            max = sorted[1];
        }
        else if (i == n - 1)
        {
            delta = sorted[i] - sorted[i - 1];
            min = sorted[i - 1];
            max = sorted[i];
        }
        else
        {
            delta = (sorted[i + 1] - sorted[i - 1]) / 2;
            min = sorted[i - 1];
            max = sorted[i + 1];
        }

        double value = sorted[i] + ((rank - i - 0.5) * delta);
        return value < min ? min : value > max ? max : value;
    }

    /// <summary>percentile_cont's interpolation: lo + f·(hi − lo), or lo itself when the ranks coincide.</summary>
    private static double Interpolate(double lo, double hi, double fraction, bool sameRank) =>
        sameRank ? lo : lo + (fraction * (hi - lo));

    /// <summary>PostgreSQL's float order: NaN above everything, equal to itself.</summary>
    private static int TotalOrder(double a, double b)
    {
        if (double.IsNaN(a))
        {
            return double.IsNaN(b) ? 0 : 1;
        }

        return double.IsNaN(b) ? -1 : a.CompareTo(b);
    }

    /// <summary>The keys of <paramref name="buckets"/>, sorted.</summary>
    private static int[] SortedKeys(Dictionary<int, long> buckets, bool descending)
    {
        var keys = new int[buckets.Count];
        buckets.Keys.CopyTo(keys, 0);
        Array.Sort(keys);
        if (descending)
        {
            Array.Reverse(keys);
        }

        return keys;
    }

    /// <summary>The representative value of the bucket holding the value of 0-based rank <paramref name="rank"/>.</summary>
    private double ValueAtRank(long rank, int[] negativeKeys, int[] positiveKeys)
    {
        long seen = _negativeInfinities;
        if (rank < seen)
        {
            return double.NegativeInfinity;
        }

        foreach (int k in negativeKeys)
        {
            seen += _negative![k];
            if (rank < seen)
            {
                return -BucketValue(k);
            }
        }

        seen += _zeros;
        if (rank < seen)
        {
            return 0;
        }

        foreach (int k in positiveKeys)
        {
            seen += _positive![k];
            if (rank < seen)
            {
                return BucketValue(k);
            }
        }

        seen += _positiveInfinities;
        return rank < seen ? double.PositiveInfinity : double.NaN;
    }

    /// <summary>2γ^k/(γ + 1): within α of every magnitude in (γ^(k−1), γ^k].</summary>
    private static double BucketValue(int key) => 2 * Math.Pow(s_gamma, key) / (s_gamma + 1);

    /// <summary>Counts <paramref name="x"/> in its bucket (or its special counter).</summary>
    private void AddToBuckets(double x)
    {
        if (double.IsNaN(x))
        {
            _nans++;
        }
        else if (double.IsPositiveInfinity(x))
        {
            _positiveInfinities++;
        }
        else if (double.IsNegativeInfinity(x))
        {
            _negativeInfinities++;
        }
        else if (x == 0)
        {
            _zeros++;
        }
        else
        {
            int key = (int)Math.Ceiling(Math.Log(Math.Abs(x)) / s_logGamma);
            Dictionary<int, long> buckets = x > 0 ? _positive! : _negative!;
            buckets[key] = buckets.GetValueOrDefault(key) + 1;
        }
    }
}
