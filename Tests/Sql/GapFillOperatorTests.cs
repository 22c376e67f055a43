using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.GapFill;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>
/// GapFillOperator's edge cases that SQL reaches only awkwardly: no input, one series, thousands
/// of series over several input and output batches, NULL aggregates in present rows, locf at a
/// series start, NULL series keys, interpolation types and the output limit. Input is built as the
/// hash aggregate would give it: (host text, bin timestamp, value) rows in no particular order.
/// </summary>
public sealed class GapFillOperatorTests
{
    /// <summary>One minute in nanoseconds.</summary>
    private const long Minute = 60_000_000_000L;

    /// <summary>Schema of the aggregate output fed to the operator.</summary>
    private static readonly Schema s_input = new([new Field("host", DataType.Utf8), new Field("bin", DataType.Timestamp), new Field("v", DataType.Float64)]);

    [Fact]
    public void NoInputRowsGiveNoRows()
    {
        List<object?[]> rows = Run([], bins: 5, [new GapFillColumn(2, FillMode.Locf)]);
        Assert.Empty(rows);
    }

    [Fact]
    public void OneSeriesWithoutKeysGetsEveryBin()
    {
        var schema = new Schema([new Field("bin", DataType.Timestamp), new Field("n", DataType.Int64)]);
        var bins = new PrimitiveColumn<long>(DataType.Timestamp, [3 * Minute, 1 * Minute], 2);
        var counts = new PrimitiveColumn<long>(DataType.Int64, [7, 4], 2);
        var input = new BatchSource(schema, [new RecordBatch(schema, [bins, counts], 2)]);
        var op = new GapFillOperator(input, 0, [], Minute, 0, 4 * Minute, [new GapFillColumn(1, FillMode.Interpolate)], Output(schema, 1));
        List<object?[]> rows = Drain(op);
        Assert.Equal(
            [[0L, null, null], [Minute, 4L, 4L], [2 * Minute, null, 5L], [3 * Minute, 7L, 7L], [4 * Minute, null, null]],
            rows);
    }

    [Fact]
    public void LocfNeverFillsBeforeTheFirstValueNorAcrossSeries()
    {
        // a has a value only in bin 3; b in bins 0 and 1, and a present row with a NULL value in bin 2.
        List<object?[]> rows = Run(
            [("b", 1, 2.0), ("a", 3, 5.0), ("b", 0, 1.0), ("b", 2, null)],
            bins: 5,
            [new GapFillColumn(2, FillMode.Locf)]);
        Assert.Equal(
            [
                ["a", 0L, null, null], ["a", Minute, null, null], ["a", 2 * Minute, null, null], ["a", 3 * Minute, 5.0, 5.0], ["a", 4 * Minute, null, 5.0],
                ["b", 0L, 1.0, 1.0], ["b", Minute, 2.0, 2.0], ["b", 2 * Minute, null, 2.0], ["b", 3 * Minute, null, 2.0], ["b", 4 * Minute, null, 2.0],
            ],
            rows);
    }

    [Fact]
    public void AllNullAggregatesInterpolateOnlyBetweenValues()
    {
        List<object?[]> rows = Run(
            [("a", 1, 10.0), ("a", 2, null), ("a", 4, 40.0)],
            bins: 6,
            [new GapFillColumn(2, FillMode.Interpolate), new GapFillColumn(2, FillMode.Locf)]);
        Assert.Equal(
            [
                ["a", 0L, null, null, null], ["a", Minute, 10.0, 10.0, 10.0], ["a", 2 * Minute, null, 20.0, 10.0],
                ["a", 3 * Minute, null, 30.0, 10.0], ["a", 4 * Minute, 40.0, 40.0, 40.0], ["a", 5 * Minute, null, null, 40.0],
            ],
            rows);
    }

    [Fact]
    public void NullSeriesKeyIsOneSeriesSortedLast()
    {
        List<object?[]> rows = Run([(null, 0, 1.0), ("a", 1, 2.0), (null, 1, 3.0)], bins: 2, []);
        Assert.Equal([["a", 0L, null], ["a", Minute, 2.0], [null, 0L, 1.0], [null, Minute, 3.0]], rows);
    }

    [Fact]
    public void ManySeriesAcrossBatches()
    {
        // 3000 hosts, each with a value in every third bin of 10; 4 input batches, 30000 output rows (4 batches).
        var input = new List<(string?, int, double?)>();
        for (int bin = 0; bin < 10; bin++)
        {
            for (int h = 0; h < 3000; h++)
            {
                if ((bin + h) % 3 == 0)
                {
                    input.Add(($"host_{h:D4}", bin, (h * 100) + bin));
                }
            }
        }

        List<object?[]> rows = Run(input, bins: 10, [new GapFillColumn(2, FillMode.Locf)]);
        Assert.Equal(30000, rows.Count);
        for (int h = 0; h < 3000; h++)
        {
            double? last = null;
            for (int bin = 0; bin < 10; bin++)
            {
                object?[] row = rows[(h * 10) + bin];
                double? value = (bin + h) % 3 == 0 ? (h * 100) + bin : null;
                last = value ?? last;
                Assert.Equal([$"host_{h:D4}", bin * Minute, value, last], row);
            }
        }
    }

    [Fact]
    public void TooManyOutputRowsIs54000()
    {
        var op = new GapFillOperator(new BatchSource(s_input, Batches([("a", 0, 1.0)])), 1, [0], 1, 0, GapFillOperator.MaxOutputRows + 1L, [], s_input);
        SqlException e = Assert.Throws<SqlException>(() => Drain(op));
        Assert.Equal(SqlState.ProgramLimitExceeded, e.SqlState);
    }

    /// <summary>Gap-fills (host, bin index, value) rows over bins 0..bins-1 (one minute apart).</summary>
    private static List<object?[]> Run(List<(string? Host, int Bin, double? Value)> input, int bins, GapFillColumn[] fills) =>
        Drain(Operator(input, bins, fills));

    /// <summary>The operator over <paramref name="input"/>, bins 0..bins-1.</summary>
    private static GapFillOperator Operator(List<(string? Host, int Bin, double? Value)> input, long bins, GapFillColumn[] fills) =>
        new(new BatchSource(s_input, Batches(input)), 1, [0], Minute, 0, (bins - 1) * Minute, fills, Output(s_input, fills.Length));

    /// <summary>The input split into batches of at most 8192 rows.</summary>
    private static List<RecordBatch> Batches(List<(string? Host, int Bin, double? Value)> input)
    {
        var batches = new List<RecordBatch>();
        for (int start = 0; start < input.Count; start += RecordBatch.MaxRows)
        {
            int count = Math.Min(RecordBatch.MaxRows, input.Count - start);
            ColumnBuilder hosts = ColumnBuilder.Create(DataType.Utf8, count, dictionary: true);
            var times = new PrimitiveColumnBuilder<long>(DataType.Timestamp, count);
            var values = new PrimitiveColumnBuilder<double>(DataType.Float64, count);
            for (int i = start; i < start + count; i++)
            {
                (string? host, int bin, double? value) = input[i];
                if (host is null)
                {
                    hosts.AppendNull();
                }
                else
                {
                    ((DictionaryColumnBuilder)hosts).Append(System.Text.Encoding.UTF8.GetBytes(host));
                }

                times.Append(bin * Minute);
                if (value is null)
                {
                    values.AppendNull();
                }
                else
                {
                    values.Append(value.Value);
                }
            }

            batches.Add(new RecordBatch(s_input, [hosts.Build(), times.Build(), values.Build()], count));
        }

        return batches;
    }

    /// <summary>The input schema followed by <paramref name="fills"/> float columns.</summary>
    private static Schema Output(Schema input, int fills)
    {
        var fields = new List<Field>(input.Fields);
        for (int f = 0; f < fills; f++)
        {
            fields.Add(new Field($"fill{f}", input[^1].Type));
        }

        return new Schema(fields);
    }

    /// <summary>Every row of every batch as CLR values (NULL as null).</summary>
    private static List<object?[]> Drain(Operator op)
    {
        var rows = new List<object?[]>();
        foreach (RecordBatch batch in op.Execute(CancellationToken.None))
        {
            Assert.True(batch.RowCount <= RecordBatch.MaxRows);
            for (int r = 0; r < batch.RowCount; r++)
            {
                var row = new object?[batch.Columns.Count];
                for (int c = 0; c < row.Length; c++)
                {
                    row[c] = Executor.Kernels.ColumnFactory.GetScalar(batch.Column(c), r).Value;
                }

                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>An operator yielding fixed batches, standing where the hash aggregate's output would.</summary>
    private sealed class BatchSource(Schema schema, List<RecordBatch> batches) : Operator
    {
        /// <inheritdoc/>
        public override Schema Schema => schema;

        /// <inheritdoc/>
        public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken) => batches;
    }
}
