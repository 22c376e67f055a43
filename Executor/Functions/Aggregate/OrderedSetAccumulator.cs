using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Operators.Sort;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// The ordered-set aggregates percentile_cont, percentile_disc and mode, with PostgreSQL's
/// definitions. It is fed once, by an ordered accumulator, with every row sorted by group and then
/// by the WITHIN GROUP key, so each group is one run of rows in key order; NULL keys are skipped.
/// percentile_disc(p): the value at position max(ceil(p·n), 1). percentile_cont(p): the values at
/// floor(p·(n−1)) and ceil(p·(n−1)) (0-based), linearly interpolated (float8, or interval with
/// PostgreSQL's interval arithmetic). mode(): the value of the longest run of equal values, the
/// first in key order among equally long runs. A NULL fraction gives NULL.
/// </summary>
public sealed class OrderedSetAccumulator(AggregateKind kind, DataType type, double fraction) : Accumulator
{
    /// <summary>The sorted values.</summary>
    private Column? _values;

    /// <summary>The group of each sorted value (non-decreasing).</summary>
    private int[] _groups = [];

    /// <inheritdoc/>
    public override DataType ResultType => type;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        if (_values is not null)
        {
            throw new InvalidOperationException("an ordered-set aggregate is fed once, with every row in order");
        }

        _values = input;
        _groups = groupIds.ToArray();
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        // picked[g] / upper[g]: the rows chosen for group g (-1: NULL result); weight[g]: percentile_cont's interpolation.
        int[] picked = new int[groupCount];
        int[] upper = new int[groupCount];
        double[] weight = new double[groupCount];
        picked.AsSpan().Fill(-1);
        Column? values = _values;
        if (values is not null && !double.IsNaN(fraction))
        {
            RowComparer? equal = kind == AggregateKind.Mode ? new RowComparer([values], [new SortKey(0, Descending: false, NullsFirst: false)]) : null;
            int start = 0;
            while (start < _groups.Length)
            {
                int g = _groups[start];
                int end = start;
                while (end < _groups.Length && _groups[end] == g)
                {
                    end++;
                }

                // Non-NULL values of the run; sorted, so NULLs are all first or all last.
                int first = start;
                int last = end;
                while (first < last && !values.IsValid(first))
                {
                    first++;
                }

                while (last > first && !values.IsValid(last - 1))
                {
                    last--;
                }

                int n = last - first;
                if (n > 0)
                {
                    Pick(g, first, n, equal, picked, upper, weight);
                }

                start = end;
            }
        }

        return kind == AggregateKind.PercentileCont ? Interpolate(values, picked, upper, weight, groupCount) : Gather(values, picked, groupCount);
    }

    /// <summary>Chooses the rows of group <paramref name="g"/> whose n sorted values start at row <paramref name="first"/>.</summary>
    private void Pick(int g, int first, int n, RowComparer? equal, int[] picked, int[] upper, double[] weight)
    {
        switch (kind)
        {
            case AggregateKind.PercentileDisc:
            {
                long position = (long)Math.Ceiling(fraction * n);
                picked[g] = first + (int)Math.Max(position, 1) - 1;
                break;
            }

            case AggregateKind.PercentileCont:
            {
                double position = fraction * (n - 1);
                int lower = (int)Math.Floor(position);
                int higher = (int)Math.Ceiling(position);
                picked[g] = first + lower;
                upper[g] = first + higher;
                weight[g] = position - lower;
                break;
            }

            default:
            {
                int best = first;
                int bestCount = 0;
                int run = first;
                for (int i = first + 1; i <= first + n; i++)
                {
                    if (i == first + n || equal!.CompareKeys(i, run) != 0)
                    {
                        if (i - run > bestCount)
                        {
                            best = run;
                            bestCount = i - run;
                        }

                        run = i;
                    }
                }

                picked[g] = best;
                break;
            }
        }
    }

    /// <summary>The picked value of every group (NULL where none was picked).</summary>
    private Column Gather(Column? values, int[] picked, int groupCount)
    {
        // Row count (past the values) is a NULL: one appended so that Take gives unpicked groups NULL.
        int nullRow = values?.Length ?? 0;
        Column source = ColumnFactory.Concat(type, values is null ? [ColumnFactory.Constant(ScalarValue.Null(type), 1)] : [values, ColumnFactory.Constant(ScalarValue.Null(type), 1)]);
        int[] rows = new int[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            rows[g] = picked[g] < 0 ? nullRow : picked[g];
        }

        return ColumnFactory.Take(source, rows);
    }

    /// <summary>percentile_cont's interpolated value of every group.</summary>
    private Column Interpolate(Column? values, int[] picked, int[] upper, double[] weight, int groupCount)
    {
        bool[] seen = new bool[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            seen[g] = picked[g] >= 0;
        }

        byte[]? validity = ValidityFrom(seen, groupCount, out int nullCount);
        if (values is PrimitiveColumn<Interval> intervals)
        {
            var result = new Interval[groupCount];
            for (int g = 0; g < groupCount; g++)
            {
                if (seen[g])
                {
                    Interval lo = intervals.Values[picked[g]];
                    Interval hi = intervals.Values[upper[g]];
                    result[g] = picked[g] == upper[g] ? lo : Add(lo, Multiply(Subtract(hi, lo), weight[g]));
                }
            }

            return new PrimitiveColumn<Interval>(DataType.Interval, result, groupCount, validity, nullCount);
        }

        var doubles = new double[groupCount];
        if (values is PrimitiveColumn<double> floats)
        {
            for (int g = 0; g < groupCount; g++)
            {
                if (seen[g])
                {
                    double lo = floats.Values[picked[g]];
                    double hi = floats.Values[upper[g]];
                    doubles[g] = picked[g] == upper[g] ? lo : lo + ((hi - lo) * weight[g]);
                }
            }
        }

        return new PrimitiveColumn<double>(type, doubles, groupCount, validity, nullCount);
    }

    /// <summary>a + b, field by field (PostgreSQL's interval_pl).</summary>
    private static Interval Add(Interval a, Interval b) => new(a.Months + b.Months, a.Days + b.Days, a.Nanoseconds + b.Nanoseconds);

    /// <summary>a - b, field by field (PostgreSQL's interval_mi).</summary>
    private static Interval Subtract(Interval a, Interval b) => new(a.Months - b.Months, a.Days - b.Days, a.Nanoseconds - b.Nanoseconds);

    /// <summary>
    /// span · factor as PostgreSQL 15's interval_mul: fractional months cascade to days (30 a month)
    /// and fractional days to time, each rounded to microseconds as PostgreSQL does.
    /// </summary>
    private static Interval Multiply(Interval span, double factor)
    {
        const double SecondsPerDay = 86_400;
        int months = (int)(span.Months * factor);
        int days = (int)(span.Days * factor);
        double monthRemainderDays = Round6(((span.Months * factor) - months) * 30);
        double secondRemainder = Round6((((span.Days * factor) - days) + monthRemainderDays - (int)monthRemainderDays) * SecondsPerDay);
        if (Math.Abs(secondRemainder) >= SecondsPerDay)
        {
            int whole = (int)(secondRemainder / SecondsPerDay);
            days += whole;
            secondRemainder -= whole * SecondsPerDay;
        }

        days += (int)monthRemainderDays;
        double micros = Math.Round((span.Nanoseconds / 1000.0 * factor) + (secondRemainder * 1_000_000), MidpointRounding.ToEven);
        return new Interval(months, days, (long)micros * 1000);
    }

    /// <summary>PostgreSQL's TSROUND: rounded to six decimals.</summary>
    private static double Round6(double value) => Math.Round(value * 1_000_000, MidpointRounding.ToEven) / 1_000_000;
}
