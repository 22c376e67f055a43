using System.Globalization;
using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.Aggregate;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.Sql;

/// <summary>
/// Hash aggregation grouped by a tag and one other key (the per-tag-value memo of the group key
/// mapper) over time-major rows, where consecutive rows are different series: NULL tags and NULL
/// bins, batches whose tag is dictionary-encoded (memo path) mixed with plain text batches (generic
/// path) so both must meet in the same groups, duplicate dictionary entries, both key orders;
/// checked against groups counted directly.
/// </summary>
public sealed class TagAndBinGroupingTests
{
    /// <summary>Input schema: a tag, a time bin, a value.</summary>
    private static readonly Schema s_input = new([new Field("host", DataType.Utf8), new Field("bin", DataType.Timestamp), new Field("v", DataType.Int64)]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GroupsMatchDirectCountsOverTimeMajorRows(bool binFirst)
    {
        var random = new Random(7);
        string?[] hosts = ["a", "b", null, "c", "d", "e"];
        var rows = new List<(string? Host, long? Bin, long V)>();
        for (int tick = 0; tick < 3000; tick++)
        {
            foreach (string? name in hosts)
            {
                long? bin = random.Next(50) == 0 ? null : (tick / 7) * 100L;
                rows.Add((name, bin, random.Next(1000)));
            }
        }

        var batches = new List<RecordBatch>();
        int start = 0;
        for (int i = 0; start < rows.Count; i++)
        {
            int size = Math.Min(1 + random.Next(3000), rows.Count - start);
            batches.Add(Batch(rows, start, size, i % 3));
            start += size;
        }

        PhysicalExpr host = new ColumnExpr(0, DataType.Utf8);
        PhysicalExpr bins = new ColumnExpr(1, DataType.Timestamp);
        PhysicalExpr[] keys = binFirst ? [bins, host] : [host, bins];
        var output = new Schema([
            new Field("k0", binFirst ? DataType.Timestamp : DataType.Utf8), new Field("k1", binFirst ? DataType.Utf8 : DataType.Timestamp),
            new Field("count", DataType.Int64), new Field("sum", DataType.Numeric),
        ]);
        var op = new HashAggregateOperator(
            new MemoryTableOperator(s_input, batches),
            keys,
            [new AggregateSpec(AggregateKind.CountStar, null, false), new AggregateSpec(AggregateKind.Sum, new ColumnExpr(2, DataType.Int64), false)],
            output);

        var actual = new List<string>();
        foreach (RecordBatch batch in op.Execute(CancellationToken.None))
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                string Cell(int c) => ColumnFactory.GetScalar(batch.Column(c), r).Value is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture)! : "NULL";
                actual.Add(binFirst ? $"{Cell(1)}|{Cell(0)}|{Cell(2)}|{Cell(3)}" : $"{Cell(0)}|{Cell(1)}|{Cell(2)}|{Cell(3)}");
            }
        }

        List<string> expected = rows
            .GroupBy(row => (row.Host, row.Bin))
            .Select(g => $"{g.Key.Host ?? "NULL"}|{(g.Key.Bin is null ? "NULL" : Convert.ToString(ColumnFactory.GetScalar(new PrimitiveColumn<long>(DataType.Timestamp, [g.Key.Bin.Value], 1), 0).Value, CultureInfo.InvariantCulture))}|{g.Count()}|{g.Sum(row => row.V)}")
            .ToList();
        actual.Sort(StringComparer.Ordinal);
        expected.Sort(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    /// <summary>Rows [start, start + count) as a batch; <paramref name="kind"/> 0: dictionary, 1: dictionary with an entry per row, 2: plain text.</summary>
    private static RecordBatch Batch(List<(string? Host, long? Bin, long V)> rows, int start, int count, int kind)
    {
        var text = new StringColumnBuilder(count);
        var dictionary = new StringColumnBuilder(count);
        var indices = new int[count];
        var validity = new byte[BitUtil.BytesFor(count)];
        int nulls = 0;
        var entries = new Dictionary<string, int>();
        var bins = new PrimitiveColumnBuilder<long>(DataType.Timestamp, count);
        var values = new PrimitiveColumnBuilder<long>(DataType.Int64, count);
        for (int r = 0; r < count; r++)
        {
            (string? host, long? bin, long v) = rows[start + r];
            if (host is null)
            {
                nulls++;
                text.AppendNull();
            }
            else
            {
                text.Append(host);
                BitUtil.Set(validity, r);
                if (kind == 1 || !entries.TryGetValue(host, out int entry))
                {
                    entry = dictionary.Length;
                    dictionary.Append(host);
                    entries[host] = entry;
                }

                indices[r] = entry;
            }

            if (bin is null)
            {
                bins.AppendNull();
            }
            else
            {
                bins.Append(bin.Value);
            }

            values.Append(v);
        }

        if (dictionary.Length == 0)
        {
            dictionary.Append("");
        }

        Column hostColumn = kind == 2
            ? text.Build()
            : new DictionaryColumn(indices, (StringColumn)dictionary.Build(), count, nulls == 0 ? null : validity, nulls);
        return new RecordBatch(s_input, [hostColumn, bins.Build(), values.Build()], count);
    }
}
