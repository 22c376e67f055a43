using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.Aggregate;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.Sql;

/// <summary>
/// StreamingAggregateOperator against HashAggregateOperator on the same sorted input (whose
/// group creation order is then the input order, so outputs must be identical row for row):
/// groups crossing batch boundaries, more groups than one output batch, batches of one row, NULL
/// keys and values, tag dictionaries with duplicate entries, and the unsorted fallback.
/// </summary>
public sealed class StreamingAggregateOperatorTests
{
    /// <summary>Input schema: a tag, a time bin, a value.</summary>
    private static readonly Schema s_input = new([new Field("host", DataType.Utf8), new Field("bin", DataType.Timestamp), new Field("v", DataType.Float64)]);

    /// <summary>Output schema: keys, then count(*), sum(v), max(v), count(v).</summary>
    private static readonly Schema s_output = new([
        new Field("host", DataType.Utf8), new Field("bin", DataType.Timestamp),
        new Field("count", DataType.Int64), new Field("sum", DataType.Float64), new Field("max", DataType.Float64), new Field("count_v", DataType.Int64),
    ]);

    [Fact]
    public void StreamingMatchesHashingOverGroupsCrossingBatchesAndOutputChunks()
    {
        // Sorted by (host, bin): host NULL first, then h0..h2; each host 6,000 bins of 1-3 rows: 24,000 groups.
        var rows = new List<(string? Host, long Bin, double? V)>();
        string?[] hosts = [null, "h0", "h1", "h2"];
        int n = 0;
        foreach (string? host in hosts)
        {
            for (int b = 0; b < 6000; b++)
            {
                int copies = 1 + ((b * 7) % 3);
                for (int c = 0; c < copies; c++)
                {
                    rows.Add((host, b * 10L, n % 11 == 0 ? null : n * 0.5));
                    n++;
                }
            }
        }

        // Irregular batch sizes, including single rows and full batches, so boundaries fall inside groups.
        int[] sizes = [1, 8192, 3, 4999, 1, 1, 7000, 2, 8192, 5];
        var batches = new List<RecordBatch>();
        int start = 0;
        for (int i = 0; start < rows.Count; i++)
        {
            int size = Math.Min(sizes[i % sizes.Length], rows.Count - start);
            batches.Add(Batch(rows, start, size, duplicateDictionary: i % 2 == 0));
            start += size;
        }

        List<string> streamed = Drain(Streaming(batches, sorted: true));
        List<string> hashed = Drain(Hash(batches));
        Assert.Equal(24000, hashed.Count);
        Assert.Equal(hashed, streamed);
    }

    [Fact]
    public void UnsortedInputFallsBackToHashing()
    {
        var rows = new List<(string? Host, long Bin, double? V)> { ("a", 1, 1), ("b", 1, 2), ("a", 1, 3) };
        List<RecordBatch> batches = [Batch(rows, 0, 3, duplicateDictionary: false)];
        var op = Streaming(batches, sorted: false);
        List<string> result = Drain(op);
        Assert.Equal(Drain(Hash(batches)), result);
        Assert.Equal(2, result.Count);
        Assert.StartsWith("a|", result[0], StringComparison.Ordinal);
        Assert.EndsWith("|2|4|3|2", result[0], StringComparison.Ordinal);
        Assert.Equal("mode=hash (input not sorted)", ((IReportsStatistics)op).DescribeStatistics());
    }

    [Fact]
    public void EmptyInputGivesNoGroups()
    {
        var op = Streaming([], sorted: true);
        Assert.Empty(Drain(op));
        Assert.Equal("mode=streaming groups=0", ((IReportsStatistics)op).DescribeStatistics());
    }

    /// <summary>The rows [start, start + count) as a batch; the host as a dictionary, with a fresh entry per row when <paramref name="duplicateDictionary"/>.</summary>
    private static RecordBatch Batch(List<(string? Host, long Bin, double? V)> rows, int start, int count, bool duplicateDictionary)
    {
        var dictionary = new StringColumnBuilder(count);
        var indices = new int[count];
        var validity = new byte[BitUtil.BytesFor(count)];
        int nulls = 0;
        var entries = new Dictionary<string, int>();
        var bins = new PrimitiveColumnBuilder<long>(DataType.Timestamp, count);
        var values = new PrimitiveColumnBuilder<double>(DataType.Float64, count);
        for (int r = 0; r < count; r++)
        {
            (string? host, long bin, double? v) = rows[start + r];
            if (host is null)
            {
                nulls++;
            }
            else
            {
                BitUtil.Set(validity, r);
                if (duplicateDictionary || !entries.TryGetValue(host, out int entry))
                {
                    entry = dictionary.Length;
                    dictionary.Append(host);
                    entries[host] = entry;
                }

                indices[r] = entry;
            }

            bins.Append(bin);
            if (v is null)
            {
                values.AppendNull();
            }
            else
            {
                values.Append(v.Value);
            }
        }

        if (dictionary.Length == 0)
        {
            // A null row's index still points at an entry (as in every dictionary column the storage builds).
            dictionary.Append("");
        }

        var hostColumn = new DictionaryColumn(indices, (StringColumn)dictionary.Build(), count, nulls == 0 ? null : validity, nulls);
        return new RecordBatch(s_input, [hostColumn, bins.Build(), values.Build()], count);
    }

    /// <summary>The aggregates: count(*), sum(v), max(v), count(v).</summary>
    private static AggregateSpec[] Aggregates()
    {
        var v = new ColumnExpr(2, DataType.Float64);
        return [new AggregateSpec(AggregateKind.CountStar, null, false), new AggregateSpec(AggregateKind.Sum, v, false), new AggregateSpec(AggregateKind.Max, v, false), new AggregateSpec(AggregateKind.Count, v, false)];
    }

    /// <summary>The group keys: host, bin.</summary>
    private static PhysicalExpr[] Keys() => [new ColumnExpr(0, DataType.Utf8), new ColumnExpr(1, DataType.Timestamp)];

    /// <summary>A streaming aggregate over the batches.</summary>
    private static StreamingAggregateOperator Streaming(List<RecordBatch> batches, bool sorted) =>
        new(new MemoryTableOperator(s_input, batches), Keys(), Aggregates(), s_output, sorted);

    /// <summary>A hash aggregate over the batches.</summary>
    private static HashAggregateOperator Hash(List<RecordBatch> batches) =>
        new(new MemoryTableOperator(s_input, batches), Keys(), Aggregates(), s_output);

    /// <summary>Every output row as text, cells joined by '|'.</summary>
    private static List<string> Drain(Operator op)
    {
        var result = new List<string>();
        foreach (RecordBatch batch in op.Execute(CancellationToken.None))
        {
            Assert.True(batch.RowCount <= RecordBatch.MaxRows);
            for (int r = 0; r < batch.RowCount; r++)
            {
                var cells = new string[batch.Schema.Count];
                for (int c = 0; c < cells.Length; c++)
                {
                    object? value = ColumnFactory.GetScalar(batch.Column(c), r).Value;
                    cells[c] = value is null ? "NULL" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
                }

                result.Add(string.Join("|", cells));
            }
        }

        return result;
    }
}
