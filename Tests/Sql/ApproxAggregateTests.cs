using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.Sql;

/// <summary>
/// approx_distinct and approx_percentile_cont: the sketches' documented guarantees checked on large
/// inputs (beyond their exact phases), and the SQL results against the exact aggregates.
/// </summary>
public sealed class ApproxAggregateTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void Distinct_sketch_is_exact_up_to_its_limit()
    {
        var sketch = new ApproxDistinctSketch();
        for (int round = 0; round < 3; round++)
        {
            for (long v = 0; v < ApproxDistinctSketch.ExactLimit; v++)
            {
                sketch.Add(ApproxHash.Fixed((ulong)v));
            }
        }

        Assert.Equal(ApproxDistinctSketch.ExactLimit, sketch.Estimate());
    }

    [Theory]
    [InlineData(2_000)]
    [InlineData(20_000)]
    [InlineData(200_000)]
    [InlineData(2_000_000)]
    public void Distinct_sketch_error_is_within_four_standard_errors(int n)
    {
        // Standard error 1.04/sqrt(2^14) = 0.81 %; 4 of them is 3.25 %. Values repeat (each twice) and
        // are text, so both the duplicate handling and the byte hash are exercised.
        var sketch = new ApproxDistinctSketch();
        Span<byte> buffer = stackalloc byte[32];
        for (int repeat = 0; repeat < 2; repeat++)
        {
            for (int v = 0; v < n; v++)
            {
                System.Text.Unicode.Utf8.TryWrite(buffer, $"host_{v}", out int written);
                sketch.Add(ApproxHash.Bytes(buffer[..written]));
            }
        }

        double error = Math.Abs(sketch.Estimate() - n) / (double)n;
        Assert.True(error < 0.0325, $"n={n}: estimate {sketch.Estimate()}, relative error {error:P2}");
    }

    [Fact]
    public void Percentile_sketch_is_datafusions_singleton_tdigest_estimate_up_to_its_limit()
    {
        // DataFusion's estimate for 1..5: rank p·n, the value at ⌊rank⌋ moved by (rank − ⌊rank⌋ − ½)
        // times its neighbours' spacing, clamped between the neighbours; p = 0 / 1 are min / max.
        var sketch = new ApproxPercentileSketch();
        double[] values = [5, 1, 4, 2, 3];
        foreach (double v in values)
        {
            sketch.Add(v);
        }

        Assert.Equal(3, sketch.Quantile(0.5));
        Assert.Equal(1, sketch.Quantile(0));
        Assert.Equal(5, sketch.Quantile(1));
        Assert.Equal(1, sketch.Quantile(0.1)!.Value, 12);
        Assert.Equal(4.75, sketch.Quantile(0.85)!.Value, 12);
        Assert.Equal(5, sketch.Quantile(0.99)!.Value, 12);
        Assert.Null(new ApproxPercentileSketch().Quantile(0.5));
    }

    [Fact]
    public void Percentile_sketch_answers_the_documented_influxdb3_examples()
    {
        // InfluxDB 3's approx_percentile_cont(0.99) / approx_median over the home sample data's
        // Kitchen temperatures: 23.3 and 22.7 (percentile_cont would say 23.276 and 22.7).
        var sketch = new ApproxPercentileSketch();
        foreach (double v in new[] { 21.0, 23.0, 22.7, 22.4, 22.5, 22.8, 22.8, 22.7, 22.4, 22.7, 23.3, 23.1, 22.7 })
        {
            sketch.Add(v);
        }

        Assert.Equal(23.3, sketch.Quantile(0.99));
        Assert.Equal(22.7, sketch.Quantile(0.5));
    }

    [Fact]
    public void Percentile_sketch_is_within_its_relative_accuracy_beyond_the_exact_phase()
    {
        // A skewed positive distribution and a mixed-sign one; every answer must lie within
        // α·max(|x_lo|, |x_hi|) of the exact percentile_cont.
        var random = new Random(42);
        foreach (Func<double> draw in new Func<double>[] { () => Math.Exp(random.NextDouble() * 10), () => (random.NextDouble() * 2000) - 500 })
        {
            var sketch = new ApproxPercentileSketch();
            var values = new double[100_000];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = draw();
                sketch.Add(values[i]);
            }

            Array.Sort(values);
            foreach (double p in new[] { 0, 0.01, 0.25, 0.5, 0.9, 0.99, 0.999, 1 })
            {
                double rank = p * (values.Length - 1);
                double lo = values[(int)Math.Floor(rank)];
                double hi = values[(int)Math.Ceiling(rank)];
                double exact = lo + ((rank - Math.Floor(rank)) * (hi - lo));
                double bound = ApproxPercentileSketch.RelativeAccuracy * Math.Max(Math.Abs(lo), Math.Abs(hi));
                double estimate = sketch.Quantile(p)!.Value;
                Assert.True(Math.Abs(estimate - exact) <= bound * (1 + 1e-9), $"p={p}: estimate {estimate}, exact {exact}, bound {bound}");
            }
        }
    }

    [Fact]
    public void Sql_results_match_the_exact_aggregates_on_the_test_data()
    {
        (IReadOnlyList<ResultColumn> columns, List<object?[]> rows) = data.Query(
            "SELECT approx_distinct(hostname), count(DISTINCT hostname), approx_distinct(count_i), count(DISTINCT count_i), approx_median(usage_user), approx_percentile_cont(usage_user, 0.9) FROM cpu");
        Assert.Equal([DataType.Int64, DataType.Int64, DataType.Int64, DataType.Int64, DataType.Float64, DataType.Float64], columns.Select(c => c.Type));
        Assert.Equal(rows[0][1], rows[0][0]);
        long exactDistinct = Convert.ToInt64(rows[0][3], System.Globalization.CultureInfo.InvariantCulture);
        long approxDistinct = Convert.ToInt64(rows[0][2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(approxDistinct - exactDistinct) <= Math.Max(1, exactDistinct * 0.0325), $"{approxDistinct} vs {exactDistinct}");

        (_, List<object?[]> exact) = data.Query("SELECT usage_user FROM cpu WHERE usage_user IS NOT NULL ORDER BY usage_user");
        var sorted = exact.Select(r => (double)r[0]!).ToArray();
        foreach ((double p, int column) in new[] { (0.5, 4), (0.9, 5) })
        {
            if (sorted.Length <= ApproxPercentileSketch.ExactLimit)
            {
                Assert.Equal(ApproxPercentileSketch.SingletonDigestEstimate(sorted, p), (double)rows[0][column]!, 12);
                continue;
            }

            double rank = p * (sorted.Length - 1);
            double lo = sorted[(int)Math.Floor(rank)];
            double hi = sorted[(int)Math.Ceiling(rank)];
            double expected = lo + ((rank - Math.Floor(rank)) * (hi - lo));
            double bound = ApproxPercentileSketch.RelativeAccuracy * Math.Max(Math.Abs(lo), Math.Abs(hi));
            Assert.True(Math.Abs((double)rows[0][column]! - expected) <= bound, $"p={p}: {rows[0][column]} vs {expected}");
        }
    }
}
