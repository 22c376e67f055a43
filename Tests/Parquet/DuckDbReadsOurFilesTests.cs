using System.Globalization;
using System.Text.Json;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Format;
using IOx.Pg.Storage.Parquet.Writer;

namespace IOx.Pg.Tests.Parquet;

/// <summary>
/// DuckDB, a real independent Parquet reader, reads every file variant we write (each codec, each
/// encoding choice, one or many row groups and pages) and returns exactly our values.
/// </summary>
public sealed class DuckDbReadsOurFilesTests : IDisposable
{
    /// <summary>Scratch directory for the files.</summary>
    private readonly string _dir = Directory.CreateTempSubdirectory("iox-parquet-").FullName;

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Every codec × dictionary on/off × delta on/off × data page v1/v2, several row groups and pages.</summary>
    [Theory]
    [InlineData(CompressionCodec.Uncompressed, true, true, 1)]
    [InlineData(CompressionCodec.Uncompressed, false, false, 1)]
    [InlineData(CompressionCodec.Snappy, true, true, 1)]
    [InlineData(CompressionCodec.Snappy, false, false, 1)]
    [InlineData(CompressionCodec.Snappy, true, false, 1)]
    [InlineData(CompressionCodec.Gzip, true, true, 1)]
    [InlineData(CompressionCodec.Gzip, false, true, 1)]
    [InlineData(CompressionCodec.Zstd, true, true, 1)]
    [InlineData(CompressionCodec.Zstd, false, false, 1)]
    [InlineData(CompressionCodec.Uncompressed, true, true, 2)]
    [InlineData(CompressionCodec.Uncompressed, false, false, 2)]
    [InlineData(CompressionCodec.Snappy, true, true, 2)]
    [InlineData(CompressionCodec.Snappy, false, false, 2)]
    [InlineData(CompressionCodec.Gzip, true, true, 2)]
    [InlineData(CompressionCodec.Gzip, false, true, 2)]
    [InlineData(CompressionCodec.Zstd, true, true, 2)]
    [InlineData(CompressionCodec.Zstd, false, false, 2)]
    public void DuckDbReadsExactlyOurValues(CompressionCodec codec, bool dictionary, bool delta, int pageVersion)
    {
        const int rows = 5000;
        var options = new ParquetWriterOptions
        {
            Compression = codec,
            DictionaryEncoding = dictionary,
            DeltaEncoding = delta,
            RowGroupRows = 2048,
            PageRows = 700,
            DataPageVersion = pageVersion,
        };
        string path = Path.Combine(_dir, $"t-{codec}-{dictionary}-{delta}-v{pageVersion}.parquet");
        using (FileStream file = File.Create(path))
        {
            ParquetWriter.WriteFile(file, TestTables.Schema, TestTables.Create(rows, batchRows: 900), options);
        }

        DuckDbResult result = DuckDb.Run(
            $"SELECT epoch_us(time) AS time, host, region, usage, count, big, ok, note FROM read_parquet({DuckDb.Quote(path)}, file_row_number = true) ORDER BY file_row_number");
        Assert.Equal(rows, result.Rows.Count);
        for (int r = 0; r < rows; r++)
        {
            object?[] expected = TestTables.Row(r);
            // DuckDB reads TIMESTAMP(NANOS, UTC) as TIMESTAMP WITH TIME ZONE, which holds microseconds:
            // it truncates; our own reader's round trip checks the nanoseconds.
            expected[0] = (long)expected[0]! / 1000;
            for (int c = 0; c < expected.Length; c++)
            {
                AssertValue(expected[c], result.Rows[r][c], $"row {r} column {TestTables.Schema[c].Name} ({result.Types[c]})");
            }
        }
    }

    /// <summary>DuckDB sees our types: TIMESTAMP WITH TIME ZONE, VARCHAR, DOUBLE, BIGINT, UBIGINT, BOOLEAN.</summary>
    [Fact]
    public void DuckDbSeesOurTypesAndStatistics()
    {
        string path = Path.Combine(_dir, "types.parquet");
        using (FileStream file = File.Create(path))
        {
            ParquetWriter.WriteFile(file, TestTables.Schema, TestTables.Create(2000));
        }

        DuckDbResult described = DuckDb.Run($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet({DuckDb.Quote(path)}))");
        string[] types = described.Rows.Select(r => r[0].GetString() + " " + r[1].GetString()).ToArray();
        Assert.Equal(
            ["time TIMESTAMP WITH TIME ZONE", "host VARCHAR", "region VARCHAR", "usage DOUBLE", "count BIGINT", "big UBIGINT", "ok BOOLEAN", "note VARCHAR"],
            types);

        // The encodings DuckDB sees: delta for the regular time column, dictionary for tags.
        DuckDbResult encodings = DuckDb.Run(
            $"SELECT path_in_schema, string_agg(DISTINCT encodings, ',') FROM parquet_metadata({DuckDb.Quote(path)}) GROUP BY ALL ORDER BY ALL");
        var encodingsByColumn = encodings.Rows.ToDictionary(r => r[0].GetString()!, r => r[1].GetString()!);
        Assert.Contains("DELTA_BINARY_PACKED", encodingsByColumn["time"], StringComparison.Ordinal);
        Assert.Contains("RLE_DICTIONARY", encodingsByColumn["host"], StringComparison.Ordinal);
        // usage takes about 120 distinct values: dictionary-encoded like text.
        Assert.Contains("RLE_DICTIONARY", encodingsByColumn["usage"], StringComparison.Ordinal);

        DuckDbResult stats = DuckDb.Run(
            $"SELECT path_in_schema, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata({DuckDb.Quote(path)}) ORDER BY column_id");
        var byColumn = stats.Rows.ToDictionary(r => r[0].GetString()!, r => (Min: r[1].GetString(), Max: r[2].GetString(), Nulls: r[3].GetString()));
        List<object?[]> all = Enumerable.Range(0, 2000).Select(TestTables.Row).ToList();
        Assert.Equal(("host_0", "host_9", all.Count(r => r[1] is null).ToString(CultureInfo.InvariantCulture)), byColumn["host"]);
        ulong[] bigs = all.Where(r => r[5] is not null).Select(r => (ulong)r[5]!).ToArray();
        Assert.Equal(bigs.Min().ToString(CultureInfo.InvariantCulture), byColumn["big"].Min);
        Assert.Equal(bigs.Max().ToString(CultureInfo.InvariantCulture), byColumn["big"].Max);
        long[] counts = all.Where(r => r[4] is not null).Select(r => (long)r[4]!).ToArray();
        Assert.Equal(counts.Min().ToString(CultureInfo.InvariantCulture), byColumn["count"].Min);
        Assert.Equal(counts.Max().ToString(CultureInfo.InvariantCulture), byColumn["count"].Max);
    }

    /// <summary>Counters (regular int64 and uint64 sequences, with nulls and a wrap past 2^63) are delta-encoded and read exactly.</summary>
    [Fact]
    public void DuckDbReadsDeltaEncodedCounters()
    {
        var schema = new Schema([new Field("time", DataType.Timestamp, ColumnRole.Time), new Field("n", DataType.Int64, ColumnRole.Field), new Field("u", DataType.UInt64, ColumnRole.Field)]);
        const int rows = 3000;
        var time = new PrimitiveColumnBuilder<long>(DataType.Timestamp, rows);
        var n = new PrimitiveColumnBuilder<long>(DataType.Int64, rows);
        var u = new PrimitiveColumnBuilder<ulong>(DataType.UInt64, rows);
        for (int r = 0; r < rows; r++)
        {
            time.Append(1_000_000_000L * r);
            if (r % 100 == 7)
            {
                n.AppendNull();
                u.AppendNull();
            }
            else
            {
                n.Append(-1500 + (r * 3L));
                u.Append((ulong)long.MaxValue - 1000 + ((ulong)r * 5));
            }
        }

        string path = Path.Combine(_dir, "counters.parquet");
        using (FileStream file = File.Create(path))
        {
            ParquetWriter.WriteFile(file, schema, [new RecordBatch(schema, [time.Build(), n.Build(), u.Build()], rows)], new ParquetWriterOptions { PageRows = 1000 });
        }

        DuckDbResult encodings = DuckDb.Run($"SELECT path_in_schema, encodings FROM parquet_metadata({DuckDb.Quote(path)}) ORDER BY column_id");
        Assert.All(encodings.Rows, row => Assert.Contains("DELTA_BINARY_PACKED", row[1].GetString()!, StringComparison.Ordinal));
        DuckDbResult result = DuckDb.Run($"SELECT epoch_us(time), n, u FROM read_parquet({DuckDb.Quote(path)}, file_row_number = true) ORDER BY file_row_number");
        for (int r = 0; r < rows; r++)
        {
            AssertValue(1_000_000L * r, result.Rows[r][0], $"row {r} time");
            AssertValue(r % 100 == 7 ? null : -1500 + (r * 3L), result.Rows[r][1], $"row {r} n");
            AssertValue(r % 100 == 7 ? null : (ulong)long.MaxValue - 1000 + ((ulong)r * 5), result.Rows[r][2], $"row {r} u");
        }
    }

    /// <summary>The other types we write (query results): TIMESTAMP_NS, INTEGER, SMALLINT, DATE, FLOAT; DuckDB and our reader agree with what was written.</summary>
    [Fact]
    public void DuckDbAndWeReadTheOtherTypes()
    {
        var schema = new Schema(
        [
            new Field("local", DataType.TimestampNoTz), new Field("i32", DataType.Int32), new Field("i16", DataType.Int16),
            new Field("day", DataType.Date), new Field("f32", DataType.Float32),
        ]);
        const int rows = 2000;
        var builders = new ColumnBuilder[] { ColumnBuilder.Create(DataType.TimestampNoTz, rows), ColumnBuilder.Create(DataType.Int32, rows), ColumnBuilder.Create(DataType.Int16, rows), ColumnBuilder.Create(DataType.Date, rows), ColumnBuilder.Create(DataType.Float32, rows) };
        var expected = new List<object?[]>();
        for (int r = 0; r < rows; r++)
        {
            object?[] row = r % 10 == 3
                ? [null, null, null, null, null]
                : [(r * 1_234_567_891L) + 7, r % 2 == 0 ? int.MinValue + r : (r * 1000) - 5, (short)(r % 2 == 0 ? -r : short.MaxValue - r), (r * 13) - 20000, r % 7 == 0 ? float.NaN : (r * 0.37f) - 100f];
            expected.Add(row);
            for (int c = 0; c < row.Length; c++)
            {
                switch (builders[c], row[c])
                {
                    case (_, null):
                        builders[c].AppendNull();
                        break;
                    case (PrimitiveColumnBuilder<long> b, long v):
                        b.Append(v);
                        break;
                    case (PrimitiveColumnBuilder<int> b, int v):
                        b.Append(v);
                        break;
                    case (PrimitiveColumnBuilder<short> b, short v):
                        b.Append(v);
                        break;
                    case (PrimitiveColumnBuilder<float> b, float v):
                        b.Append(v);
                        break;
                }
            }
        }

        string path = Path.Combine(_dir, "other-types.parquet");
        using (FileStream file = File.Create(path))
        {
            ParquetWriter.WriteFile(file, schema, [new RecordBatch(schema, builders.Select(b => b.Build()).ToArray(), rows)], new ParquetWriterOptions { PageRows = 300 });
        }

        DuckDbResult described = DuckDb.Run($"SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet({DuckDb.Quote(path)}))");
        Assert.Equal(["TIMESTAMP_NS", "INTEGER", "SMALLINT", "DATE", "FLOAT"], described.Rows.Select(r => r[0].GetString()!));
        DuckDbResult result = DuckDb.Run(
            $"SELECT epoch_ns(local), i32::BIGINT, i16::BIGINT, (day - DATE '1970-01-01')::BIGINT, f32 FROM read_parquet({DuckDb.Quote(path)}, file_row_number = true) ORDER BY file_row_number");
        var reader = new IOx.Pg.Storage.Parquet.Reader.ParquetReader(File.ReadAllBytes(path));
        RecordBatch ours = Assert.Single(reader.Read(batchRows: rows));
        for (int r = 0; r < rows; r++)
        {
            object?[] row = expected[r];
            for (int c = 0; c < 4; c++)
            {
                object? asLong = row[c] is null ? null : Convert.ToInt64(row[c], CultureInfo.InvariantCulture);
                AssertValue(asLong, result.Rows[r][c], $"row {r} column {schema[c].Name}");
            }

            AssertValue(row[4] is float f ? (double)f : null, result.Rows[r][4], $"row {r} f32");
            for (int c = 0; c < 5; c++)
            {
                Assert.Equal(row[c], TestTables.Get(ours.Column(c), r));
            }
        }
    }

    /// <summary>BYTE_STREAM_SPLIT doubles and floats (v1 and v2 pages, with nulls, NaN, ±0, ±∞): DuckDB sees the encoding and reads exactly our values.</summary>
    [Theory]
    [InlineData(CompressionCodec.Snappy, 1)]
    [InlineData(CompressionCodec.Snappy, 2)]
    [InlineData(CompressionCodec.Zstd, 1)]
    [InlineData(CompressionCodec.Gzip, 2)]
    public void DuckDbReadsByteStreamSplitFloats(CompressionCodec codec, int pageVersion)
    {
        const int rows = 9000;
        List<double?[]> expected = PageV2AndByteStreamSplitTests.SensorRows(rows);
        string path = Path.Combine(_dir, $"split-{codec}-v{pageVersion}.parquet");
        File.WriteAllBytes(path, PageV2AndByteStreamSplitTests.WriteSensors(expected, new ParquetWriterOptions { Compression = codec, DataPageVersion = pageVersion, PageRows = 2000 }));

        DuckDbResult encodings = DuckDb.Run($"SELECT path_in_schema, encodings FROM parquet_metadata({DuckDb.Quote(path)}) WHERE path_in_schema <> 'time'");
        Assert.Equal(2, encodings.Rows.Count);
        Assert.All(encodings.Rows, row => Assert.Contains("BYTE_STREAM_SPLIT", row[1].GetString()!, StringComparison.Ordinal));
        DuckDbResult result = DuckDb.Run(
            $"SELECT epoch_us(time), temp, f32::DOUBLE FROM read_parquet({DuckDb.Quote(path)}, file_row_number = true) ORDER BY file_row_number");
        Assert.Equal(rows, result.Rows.Count);
        for (int r = 0; r < rows; r++)
        {
            AssertValue(r * 1_000_000L, result.Rows[r][0], $"row {r} time");
            AssertValue(expected[r][0], result.Rows[r][1], $"row {r} temp");
            AssertValue(expected[r][1] is double f ? (double)(float)f : null, result.Rows[r][2], $"row {r} f32");
        }
    }

    /// <summary>Compares one of our values with DuckDB's JSON rendering of it.</summary>
    internal static void AssertValue(object? expected, JsonElement actual, string where)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual.ValueKind == JsonValueKind.Null, $"{where}: expected NULL, got {actual}");
                break;
            case long or ulong:
                Assert.True(actual.ValueKind == JsonValueKind.String && actual.GetString() == Convert.ToString(expected, CultureInfo.InvariantCulture), $"{where}: expected {expected}, got {actual}");
                break;
            case double d:
                double got = actual.ValueKind == JsonValueKind.Number ? actual.GetDouble()
                    : double.Parse(actual.GetString()!, CultureInfo.InvariantCulture);
                Assert.True(BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(got), $"{where}: expected {d:R}, got {actual}");
                break;
            case bool b:
                Assert.True(actual.ValueKind == (b ? JsonValueKind.True : JsonValueKind.False), $"{where}: expected {b}, got {actual}");
                break;
            case string s:
                Assert.True(actual.ValueKind == JsonValueKind.String && actual.GetString() == s, $"{where}: expected \"{s}\", got {actual}");
                break;
            default:
                throw new ArgumentException(expected.GetType().Name);
        }
    }
}
