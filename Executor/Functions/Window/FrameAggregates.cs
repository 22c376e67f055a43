using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Operators.Sort;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Window;

/// <summary>
/// count, sum, avg, min and max over each position's frame [start, end), with the result types
/// of the ordinary aggregates (<see cref="AggregateFunctions.ResultType"/>). A row takes part when
/// its argument is not NULL and its FILTER condition is true. Both frame ends are non-decreasing
/// within a partition, so:
/// <list type="bullet">
/// <item>count and integer sum/avg use prefix sums (128-bit, exact): O(1) per row for any frame;</item>
/// <item>float and numeric sum/avg add rows as the frame end advances and start over when the frame
/// start moves — the order of additions PostgreSQL uses (its float aggregates have no inverse
/// transition), so results match it to the last bit and numeric keeps the frame's own scale; running
/// frames are O(n), a sliding frame of w rows O(n·w);</item>
/// <item>min/max keep a monotonic deque of positions: O(n) for any frame, any comparable type.</item>
/// </list>
/// Results are in sorted-position order; an empty frame (or one without taking rows) is NULL,
/// except count, which is 0.
/// </summary>
public static class FrameAggregates
{
    /// <summary>The aggregate of every position's frame.</summary>
    /// <param name="kind">The aggregate.</param>
    /// <param name="resultType">Its result type.</param>
    /// <param name="argument">The argument column (row space); null for count(*).</param>
    /// <param name="filter">The boolean FILTER column (row space), or null.</param>
    /// <param name="order">Row index of each position.</param>
    /// <param name="partitionStart">Per position, its partition's first position.</param>
    /// <param name="start">Frame starts.</param>
    /// <param name="end">Frame ends (exclusive).</param>
    public static Column Evaluate(AggregateKind kind, DataType resultType, Column? argument, Column? filter, int[] order, int[] partitionStart, int[] start, int[] end)
    {
        bool[] take = Taking(argument, filter, order);
        switch (kind)
        {
            case AggregateKind.Count or AggregateKind.CountStar:
                return Count(take, start, end);
            case AggregateKind.Min or AggregateKind.Max:
                return MinMax(kind == AggregateKind.Max, argument!, take, order, partitionStart, start, end);
            case AggregateKind.Sum or AggregateKind.Avg:
                bool average = kind == AggregateKind.Avg;
                return argument! switch
                {
                    PrimitiveColumn<long> c => IntegerSum(c.Buffer, take, order, start, end, average, resultType),
                    PrimitiveColumn<int> c => IntegerSum(c.Buffer, take, order, start, end, average, resultType),
                    PrimitiveColumn<short> c => IntegerSum(c.Buffer, take, order, start, end, average, resultType),
                    PrimitiveColumn<double> c => FloatSum(c.Buffer, take, order, start, end, average, resultType),
                    PrimitiveColumn<float> c => FloatSum(c.Buffer, take, order, start, end, average, resultType),
                    PrimitiveColumn<decimal> c => NumericSum(c.Buffer, take, order, start, end, average),
                    PrimitiveColumn<ulong> c => NumericSum(c.Buffer, take, order, start, end, average),
                    _ => throw new InvalidOperationException($"window {kind} over {argument!.Type}"),
                };
            default:
                throw new InvalidOperationException($"window aggregate {kind}");
        }
    }

    /// <summary>Per position: whether its row takes part (argument not NULL, FILTER true).</summary>
    private static bool[] Taking(Column? argument, Column? filter, int[] order)
    {
        var take = new bool[order.Length];
        var condition = (BooleanColumn?)filter;
        for (int p = 0; p < take.Length; p++)
        {
            int row = order[p];
            take[p] = (argument is null || argument.IsValid(row)) && (condition is null || (condition.IsValid(row) && condition.GetValue(row)));
        }

        return take;
    }

    /// <summary>count: prefix counts.</summary>
    private static PrimitiveColumn<long> Count(bool[] take, int[] start, int[] end)
    {
        int n = take.Length;
        var prefix = new int[n + 1];
        for (int p = 0; p < n; p++)
        {
            prefix[p + 1] = prefix[p] + (take[p] ? 1 : 0);
        }

        var values = new long[n];
        for (int p = 0; p < n; p++)
        {
            values[p] = prefix[end[p]] - prefix[start[p]];
        }

        return new PrimitiveColumn<long>(DataType.Int64, values, n);
    }

    /// <summary>sum/avg of integers: exact 128-bit prefix sums; sum(smallint|integer) is bigint, the rest numeric.</summary>
    private static Column IntegerSum<T>(T[] values, bool[] take, int[] order, int[] start, int[] end, bool average, DataType resultType)
        where T : System.Numerics.IBinaryInteger<T>
    {
        int n = take.Length;
        var sums = new Int128[n + 1];
        var counts = new int[n + 1];
        for (int p = 0; p < n; p++)
        {
            bool t = take[p];
            sums[p + 1] = sums[p] + (t ? Int128.CreateTruncating(values[order[p]]) : Int128.Zero);
            counts[p + 1] = counts[p] + (t ? 1 : 0);
        }

        var validity = RankingFunctions.AllValid(n);
        int nullCount = 0;
        long[]? longs = resultType == DataType.Int64 ? new long[n] : null;
        decimal[]? numerics = longs is null ? new decimal[n] : null;
        for (int p = 0; p < n; p++)
        {
            int count = counts[end[p]] - counts[start[p]];
            if (count == 0)
            {
                BitUtil.Clear(validity, p);
                nullCount++;
                continue;
            }

            Int128 sum = sums[end[p]] - sums[start[p]];
            if (longs is not null)
            {
                if (sum > long.MaxValue || sum < long.MinValue)
                {
                    throw ArithmeticKernels.OutOfRange(DataType.Int64);
                }

                longs[p] = (long)sum;
            }
            else
            {
                decimal d = ToDecimal(sum);
                numerics![p] = average ? NumericMath.Divide(d, count) : d;
            }
        }

        return longs is not null
            ? new PrimitiveColumn<long>(DataType.Int64, longs, n, nullCount == 0 ? null : validity, nullCount)
            : new PrimitiveColumn<decimal>(DataType.Numeric, numerics!, n, nullCount == 0 ? null : validity, nullCount);
    }

    /// <summary>A 128-bit sum as numeric (22003 beyond System.Decimal).</summary>
    private static decimal ToDecimal(Int128 sum)
    {
        try
        {
            return (decimal)sum;
        }
        catch (OverflowException)
        {
            throw ArithmeticKernels.OutOfRange(DataType.Numeric);
        }
    }

    /// <summary>sum/avg of floats in PostgreSQL's addition order (restart when the frame start moves).</summary>
    private static Column FloatSum<T>(T[] values, bool[] take, int[] order, int[] start, int[] end, bool average, DataType resultType)
        where T : System.Numerics.IFloatingPoint<T>
    {
        int n = take.Length;
        var validity = RankingFunctions.AllValid(n);
        int nullCount = 0;
        var results = new double[n];
        int currentStart = -1;
        int currentEnd = -1;
        double sum = 0;
        int count = 0;
        for (int p = 0; p < n; p++)
        {
            int s = start[p];
            int e = end[p];
            if (s != currentStart || e < currentEnd)
            {
                currentStart = s;
                currentEnd = s;
                sum = 0;
                count = 0;
            }

            for (; currentEnd < e; currentEnd++)
            {
                if (take[currentEnd])
                {
                    // The first value is the state itself (as PostgreSQL's float8pl from a NULL state), so -0 stays -0.
                    double v = double.CreateTruncating(values[order[currentEnd]]);
                    sum = count == 0 ? v : sum + v;
                    count++;
                }
            }

            if (count == 0)
            {
                BitUtil.Clear(validity, p);
                nullCount++;
                continue;
            }

            results[p] = average ? sum / count : sum;
        }

        byte[]? bitmap = nullCount == 0 ? null : validity;
        if (resultType == DataType.Float32)
        {
            var floats = new float[n];
            for (int p = 0; p < n; p++)
            {
                floats[p] = (float)results[p];
            }

            return new PrimitiveColumn<float>(DataType.Float32, floats, n, bitmap, nullCount);
        }

        return new PrimitiveColumn<double>(DataType.Float64, results, n, bitmap, nullCount);
    }

    /// <summary>sum/avg of numeric (and unsigned) values, restarting when the frame start moves, so the scale is the frame's own.</summary>
    private static PrimitiveColumn<decimal> NumericSum<T>(T[] values, bool[] take, int[] order, int[] start, int[] end, bool average)
        where T : System.Numerics.INumber<T>
    {
        int n = take.Length;
        var validity = RankingFunctions.AllValid(n);
        int nullCount = 0;
        var results = new decimal[n];
        int currentStart = -1;
        int currentEnd = -1;
        decimal sum = 0;
        int count = 0;
        try
        {
            for (int p = 0; p < n; p++)
            {
                int s = start[p];
                int e = end[p];
                if (s != currentStart || e < currentEnd)
                {
                    currentStart = s;
                    currentEnd = s;
                    sum = 0;
                    count = 0;
                }

                for (; currentEnd < e; currentEnd++)
                {
                    if (take[currentEnd])
                    {
                        sum = count == 0 ? decimal.CreateTruncating(values[order[currentEnd]]) : sum + decimal.CreateTruncating(values[order[currentEnd]]);
                        count++;
                    }
                }

                if (count == 0)
                {
                    BitUtil.Clear(validity, p);
                    nullCount++;
                    continue;
                }

                results[p] = average ? NumericMath.Divide(sum, count) : sum;
            }
        }
        catch (OverflowException)
        {
            throw ArithmeticKernels.OutOfRange(DataType.Numeric);
        }

        return new PrimitiveColumn<decimal>(DataType.Numeric, results, n, nullCount == 0 ? null : validity, nullCount);
    }

    /// <summary>min/max by a monotonic deque of positions (front is the frame's winner), compared by the sort kernels.</summary>
    private static Column MinMax(bool max, Column argument, bool[] take, int[] order, int[] partitionStart, int[] start, int[] end)
    {
        int n = take.Length;
        var comparer = new RowComparer([argument], [new SortKey(0, max, NullsFirst: false)]);
        var deque = new int[Math.Max(n, 1)];
        int head = 0;
        int tail = 0;
        int next = 0;
        var source = new int[n];
        int nullIndex = argument.Length;
        bool needsNull = false;
        for (int p = 0; p < n; p++)
        {
            if (p == partitionStart[p])
            {
                head = 0;
                tail = 0;
                next = p;
            }

            next = Math.Max(next, start[p]);
            for (; next < end[p]; next++)
            {
                if (!take[next])
                {
                    continue;
                }

                // Keep the deque strictly improving from back to front: a later row at least as good
                // as an earlier one makes the earlier one useless for every later frame.
                while (tail > head && comparer.CompareKeys(order[deque[tail - 1]], order[next]) >= 0)
                {
                    tail--;
                }

                deque[tail++] = next;
            }

            while (tail > head && deque[head] < start[p])
            {
                head++;
            }

            if (tail > head)
            {
                source[p] = order[deque[head]];
            }
            else
            {
                source[p] = nullIndex;
                needsNull = true;
            }
        }

        return NavigationFunctions.Gather(argument, null, needsNull, source);
    }
}
