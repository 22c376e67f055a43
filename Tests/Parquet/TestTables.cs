using System.Text;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.Parquet;

/// <summary>
/// Deterministic test tables covering every type we write: time (required), two tags (dictionary
/// columns, with nulls), float/int/uint/bool/text fields with nulls and edge values.
/// </summary>
internal static class TestTables
{
    /// <summary>The schema of <see cref="Create"/>.</summary>
    public static Schema Schema { get; } = new(
    [
        new Field("time", DataType.Timestamp, ColumnRole.Time),
        new Field("host", DataType.Utf8, ColumnRole.Tag),
        new Field("region", DataType.Utf8, ColumnRole.Tag),
        new Field("usage", DataType.Float64, ColumnRole.Field),
        new Field("count", DataType.Int64, ColumnRole.Field),
        new Field("big", DataType.UInt64, ColumnRole.Field),
        new Field("ok", DataType.Boolean, ColumnRole.Field),
        new Field("note", DataType.Utf8, ColumnRole.Field),
    ]);

    /// <summary>Value of row <paramref name="r"/> for each column (null = SQL NULL), the ground truth tests compare with.</summary>
    public static object?[] Row(int r)
    {
        long time = 1_700_000_000_000_000_000L + (r * 10_000_000_123L) + (r % 7);
        string? host = r % 13 == 5 ? null : "host_" + (r % 10);
        string? region = r % 17 == 3 ? null : (r % 3 == 0 ? "us-east-1" : r % 3 == 1 ? "eu-west-2" : "ap-süd-ü");
        double? usage = r % 11 == 4 ? null : r % 97 == 0 ? -0.0 : ((r % 60) * 1.25) - 30.5 + (r % 5 == 0 ? 1e-300 : 0);
        long? count = r % 9 == 2 ? null : r % 50 == 0 ? long.MinValue + r : (r * 7919L) - 100_000;
        ulong? big = r % 8 == 1 ? null : r % 40 == 0 ? ulong.MaxValue - (ulong)r : (ulong)r * 1_000_003UL;
        bool? ok = r % 6 == 0 ? null : r % 4 < 2;
        string? note = r % 5 == 0 ? null : r % 2 == 0 ? "" : "note \"" + r + "\" 🚀 " + new string('x', r % 23);
        return [time, host, region, usage, count, big, ok, note];
    }

    /// <summary>Batches holding rows [0, rows), <paramref name="batchRows"/> per batch; tags use one dictionary per batch.</summary>
    public static List<RecordBatch> Create(int rows, int batchRows = 1000)
    {
        var batches = new List<RecordBatch>();
        for (int start = 0; start < rows; start += batchRows)
        {
            int count = Math.Min(batchRows, rows - start);
            var builders = new ColumnBuilder[Schema.Count];
            for (int c = 0; c < Schema.Count; c++)
            {
                builders[c] = ColumnBuilder.Create(Schema[c].Type, count, dictionary: Schema[c].Role == ColumnRole.Tag);
            }

            for (int r = start; r < start + count; r++)
            {
                object?[] row = Row(r);
                for (int c = 0; c < row.Length; c++)
                {
                    Append(builders[c], row[c]);
                }
            }

            batches.Add(new RecordBatch(Schema, builders.Select(b => b.Build()).ToArray(), count));
        }

        return batches;
    }

    /// <summary>Appends a boxed value (tests only).</summary>
    public static void Append(ColumnBuilder builder, object? value)
    {
        switch (builder, value)
        {
            case (_, null):
                builder.AppendNull();
                break;
            case (PrimitiveColumnBuilder<long> b, long v):
                b.Append(v);
                break;
            case (PrimitiveColumnBuilder<ulong> b, ulong v):
                b.Append(v);
                break;
            case (PrimitiveColumnBuilder<double> b, double v):
                b.Append(v);
                break;
            case (BooleanColumnBuilder b, bool v):
                b.Append(v);
                break;
            case (StringColumnBuilder b, string v):
                b.Append(v);
                break;
            case (DictionaryColumnBuilder b, string v):
                b.Append(Encoding.UTF8.GetBytes(v));
                break;
            default:
                throw new ArgumentException($"cannot append {value} to {builder.GetType().Name}");
        }
    }

    /// <summary>Value of row <paramref name="row"/> of a column, boxed (tests only).</summary>
    public static object? Get(Column column, int row)
    {
        if (column.IsNull(row))
        {
            return null;
        }

        return column switch
        {
            PrimitiveColumn<long> c => c.Values[row],
            PrimitiveColumn<ulong> c => c.Values[row],
            PrimitiveColumn<double> c => c.Values[row],
            PrimitiveColumn<int> c => c.Values[row],
            PrimitiveColumn<short> c => c.Values[row],
            PrimitiveColumn<float> c => c.Values[row],
            BooleanColumn c => c.GetValue(row),
            StringColumn c => c.GetString(row),
            DictionaryColumn c => c.GetString(row),
            _ => throw new ArgumentException(column.GetType().Name),
        };
    }
}
