using BenchmarkDotNet.Attributes;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Columns;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Time;

namespace IOx.Pg.Bench.PgWire;

/// <summary>
/// Wire encoding of a selector's record {value float8, time timestamptz} for one full batch (8192
/// rows), text and binary, against encoding the same two fields as two plain columns (what
/// <c>['value'], ['time']</c> sends): the cost of framing a record around already-encoded fields.
/// </summary>
[MemoryDiagnoser]
public class RecordEncodingBenchmarks
{
    /// <summary>Rows per batch.</summary>
    private const int Rows = RecordBatch.MaxRows;

    /// <summary>The record column.</summary>
    private StructColumn _records = null!;

    /// <summary>Its value field alone.</summary>
    private Column _values = null!;

    /// <summary>Its time field alone.</summary>
    private Column _times = null!;

    /// <summary>Reused output.</summary>
    private readonly EncodedColumn _output = new();

    /// <summary>Reused output for the second plain column.</summary>
    private readonly EncodedColumn _output2 = new();

    /// <summary>Builds the columns.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var values = new double[Rows];
        var times = new long[Rows];
        for (int i = 0; i < Rows; i++)
        {
            values[i] = 20 + ((i * 37 % 1000) / 100.0);
            times[i] = 1_641_024_000_000_000_000L + (i * 10_000_000_000L);
        }

        _values = new PrimitiveColumn<double>(DataType.Float64, values, Rows);
        _times = new PrimitiveColumn<long>(DataType.Timestamp, times, Rows);
        _records = new StructColumn(["value", "time"], [_values, _times], Rows);
    }

    /// <summary>record_out of every row.</summary>
    [Benchmark]
    public int RecordText()
    {
        ColumnEncoder.Encode(_records, PgFormat.Text, PgTypeOid.Record, PgTimeZone.Utc, 0, Rows, _output);
        return _output.Count;
    }

    /// <summary>The two fields as plain text columns.</summary>
    [Benchmark(Baseline = true)]
    public int TwoColumnsText()
    {
        ColumnEncoder.Encode(_values, PgFormat.Text, PgTypeOid.Float8, PgTimeZone.Utc, 0, Rows, _output);
        ColumnEncoder.Encode(_times, PgFormat.Text, PgTypeOid.Timestamptz, PgTimeZone.Utc, 0, Rows, _output2);
        return _output.Count + _output2.Count;
    }

    /// <summary>record_send of every row.</summary>
    [Benchmark]
    public int RecordBinary()
    {
        ColumnEncoder.Encode(_records, PgFormat.Binary, PgTypeOid.Record, PgTimeZone.Utc, 0, Rows, _output);
        return _output.Count;
    }

    /// <summary>The two fields as plain binary columns.</summary>
    [Benchmark]
    public int TwoColumnsBinary()
    {
        ColumnEncoder.Encode(_values, PgFormat.Binary, PgTypeOid.Float8, PgTimeZone.Utc, 0, Rows, _output);
        ColumnEncoder.Encode(_times, PgFormat.Binary, PgTypeOid.Timestamptz, PgTimeZone.Utc, 0, Rows, _output2);
        return _output.Count + _output2.Count;
    }
}
