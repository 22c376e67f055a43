using BenchmarkDotNet.Attributes;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Format;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Parquet.Writer;

namespace IOx.Pg.Bench.Parquet;

/// <summary>
/// Writes and reads 1M rows of TSBS-like cpu data (10 dictionary-encoded tags, 10 float fields,
/// time) as one Parquet file in memory: the persistence and scan costs of a day partition.
/// Run: <c>dotnet run -c Release --project Bench -- --filter '*ParquetBenchmarks*' --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class ParquetBenchmarks
{
    /// <summary>Rows in the data set.</summary>
    private const int Rows = 1_000_000;

    /// <summary>Hosts (series); each emits a row every 10 s.</summary>
    private const int Hosts = 1000;

    /// <summary>The batches to write.</summary>
    private List<RecordBatch> _batches = new();

    /// <summary>The schema.</summary>
    private Schema _schema = Schema.Empty;

    /// <summary>The file written with <see cref="Codec"/>, for the read benchmarks.</summary>
    private byte[] _file = [];

    /// <summary>Reused output buffer for the write benchmarks.</summary>
    private MemoryStream _output = new();

    /// <summary>Codec of the file written and read.</summary>
    [Params(CompressionCodec.Snappy, CompressionCodec.Uncompressed)]
    public CompressionCodec Codec { get; set; }

    /// <summary>Generates the data and a file to read.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var fields = new List<Field> { new("time", DataType.Timestamp, ColumnRole.Time) };
        for (int t = 0; t < 10; t++)
        {
            fields.Add(new Field("tag" + t, DataType.Utf8, ColumnRole.Tag));
        }

        for (int f = 0; f < 10; f++)
        {
            fields.Add(new Field("usage_" + f, DataType.Float64, ColumnRole.Field));
        }

        _schema = new Schema(fields);
        var random = new Random(20160101);
        double[] walk = new double[Hosts * 10];
        for (int i = 0; i < walk.Length; i++)
        {
            walk[i] = random.Next(0, 10000) / 100.0;
        }

        long start = 1_451_606_400_000_000_000L;
        for (int batchStart = 0; batchStart < Rows; batchStart += RecordBatch.MaxRows)
        {
            int count = Math.Min(RecordBatch.MaxRows, Rows - batchStart);
            var time = new PrimitiveColumnBuilder<long>(DataType.Timestamp, count);
            var tags = new DictionaryColumnBuilder[10];
            var values = new PrimitiveColumnBuilder<double>[10];
            for (int t = 0; t < 10; t++)
            {
                tags[t] = new DictionaryColumnBuilder(count);
                values[t] = new PrimitiveColumnBuilder<double>(DataType.Float64, count);
            }

            for (int r = batchStart; r < batchStart + count; r++)
            {
                int host = r % Hosts;
                time.Append(start + ((long)(r / Hosts) * 10_000_000_000L));
                for (int t = 0; t < 10; t++)
                {
                    // Tag 0 is the host name; the others have 2..20 values picked per host.
                    tags[t].Append(System.Text.Encoding.UTF8.GetBytes(t == 0 ? "host_" + host : "t" + t + "_" + (host % (2 + (t * 2)))));
                }

                for (int f = 0; f < 10; f++)
                {
                    ref double v = ref walk[(host * 10) + f];
                    v = Math.Clamp(v + ((random.Next(0, 201) - 100) / 100.0), 0, 100);
                    values[f].Append(Math.Round(v, 2));
                }
            }

            var columns = new Column[21];
            columns[0] = time.Build();
            for (int t = 0; t < 10; t++)
            {
                columns[1 + t] = tags[t].Build();
                columns[11 + t] = values[t].Build();
            }

            _batches.Add(new RecordBatch(_schema, columns, count));
        }

        using var file = new MemoryStream();
        ParquetWriter.WriteFile(file, _schema, _batches, new ParquetWriterOptions { Compression = Codec });
        _file = file.ToArray();
        _output = new MemoryStream(_file.Length * 4);
    }

    /// <summary>Writes the 1M rows (row groups of 1M, pages of 16K rows).</summary>
    [Benchmark]
    public long Write()
    {
        _output.SetLength(0);
        ParquetWriter.WriteFile(_output, _schema, _batches, new ParquetWriterOptions { Compression = Codec });
        return _output.Length;
    }

    /// <summary>Reads every column.</summary>
    [Benchmark]
    public long ReadAll()
    {
        long rows = 0;
        foreach (RecordBatch batch in new ParquetReader(_file).Read())
        {
            rows += batch.RowCount;
        }

        return rows;
    }

    /// <summary>Reads time and one field: what a typical dashboard query scans.</summary>
    [Benchmark]
    public long ReadTwoColumns()
    {
        long rows = 0;
        foreach (RecordBatch batch in new ParquetReader(_file).Read(["time", "usage_0"]))
        {
            rows += batch.RowCount;
        }

        return rows;
    }
}
