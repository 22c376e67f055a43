using IOx.Pg.Executor.Operators.Window;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Window;

/// <summary>
/// row_number, rank, dense_rank, percent_rank, cume_dist and ntile over sorted positions: each is
/// arithmetic on the partition and peer-group boundaries, one pass, no comparisons. Results are in
/// sorted-position order.
/// </summary>
public static class RankingFunctions
{
    /// <summary>The function's column for every position.</summary>
    /// <param name="kind">The function.</param>
    /// <param name="parts">Partition and peer boundaries.</param>
    /// <param name="order">Row index of each position.</param>
    /// <param name="ntileBuckets">ntile's integer argument (row space), else null.</param>
    public static Column Evaluate(WindowFunctionKind kind, WindowPartitions parts, int[] order, Column? ntileBuckets)
    {
        int n = parts.Count;
        switch (kind)
        {
            case WindowFunctionKind.RowNumber or WindowFunctionKind.Rank or WindowFunctionKind.DenseRank:
            {
                var values = new long[n];
                for (int p = 0; p < n; p++)
                {
                    int ps = parts.PartitionStart[p];
                    values[p] = kind switch
                    {
                        WindowFunctionKind.RowNumber => p - ps + 1,
                        WindowFunctionKind.Rank => parts.PeerStart(p) - ps + 1,
                        _ => parts.PeerGroup[p] - parts.PeerGroup[ps] + 1,
                    };
                }

                return new PrimitiveColumn<long>(DataType.Int64, values, n);
            }

            case WindowFunctionKind.PercentRank or WindowFunctionKind.CumeDist:
            {
                var values = new double[n];
                for (int p = 0; p < n; p++)
                {
                    int ps = parts.PartitionStart[p];
                    int size = parts.PartitionEnd[p] - ps;
                    values[p] = kind == WindowFunctionKind.CumeDist
                        ? (double)(parts.PeerEnd(p) - ps) / size
                        : size == 1 ? 0 : (double)(parts.PeerStart(p) - ps) / (size - 1);
                }

                return new PrimitiveColumn<double>(DataType.Float64, values, n);
            }

            default:
                return Ntile(parts, order, (PrimitiveColumn<int>)ntileBuckets!);
        }
    }

    /// <summary>
    /// ntile(buckets): the argument is read at each partition's first row (as PostgreSQL does); NULL
    /// makes the partition's results NULL; zero or less is 22014. With r = rows mod buckets, the first
    /// r buckets hold one row more than the others.
    /// </summary>
    private static PrimitiveColumn<int> Ntile(WindowPartitions parts, int[] order, PrimitiveColumn<int> buckets)
    {
        int n = parts.Count;
        var values = new int[n];
        byte[]? validity = null;
        int nullCount = 0;
        int p = 0;
        while (p < n)
        {
            int ps = p;
            int pe = parts.PartitionEnd[p];
            int first = order[ps];
            if (buckets.IsNull(first))
            {
                validity ??= AllValid(n);
                for (; p < pe; p++)
                {
                    BitUtil.Clear(validity, p);
                    nullCount++;
                }

                continue;
            }

            int count = buckets.Buffer[first];
            if (count <= 0)
            {
                throw new SqlException(SqlState.InvalidArgumentForNtileFunction, "argument of ntile must be greater than zero");
            }

            long rows = pe - ps;
            long perBucket = rows / count;
            long remainder = rows % count;
            int bucket = 1;
            long left = perBucket + (remainder > 0 ? 1 : 0);
            for (; p < pe; p++)
            {
                if (left == 0)
                {
                    bucket++;
                    left = perBucket + (bucket <= remainder ? 1 : 0);
                }

                values[p] = bucket;
                left--;
            }
        }

        return new PrimitiveColumn<int>(DataType.Int32, values, n, validity, nullCount);
    }

    /// <summary>A validity bitmap with every bit set.</summary>
    internal static byte[] AllValid(int n)
    {
        var bitmap = new byte[BitUtil.BytesFor(n)];
        bitmap.AsSpan().Fill(0xFF);
        return bitmap;
    }
}
