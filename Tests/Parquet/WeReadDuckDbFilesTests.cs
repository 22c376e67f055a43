using System.Text.Json;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Parquet.Reader;

namespace IOx.Pg.Tests.Parquet;

/// <summary>
/// Files written by a real DuckDB (each codec; format v1 and v2 with its DELTA and
/// BYTE_STREAM_SPLIT encodings and v2 data pages) read with our reader give exactly the values
/// DuckDB itself returns for the same table.
/// </summary>
public sealed class WeReadDuckDbFilesTests : IDisposable
{
    /// <summary>The table DuckDB writes: every type we read, with nulls, 10,000 rows.</summary>
    private const string CreateTable = """
        CREATE TABLE t AS SELECT
          CASE WHEN i % 7 = 3 THEN NULL ELSE i * 1000003 - 5000000000 END::BIGINT AS b,
          CASE WHEN i % 11 = 4 THEN NULL ELSE i / 7.0 - 300 END::DOUBLE AS d,
          CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 = 0 END AS ok,
          CASE WHEN i % 13 = 5 THEN NULL ELSE 'host_' || (i % 10) END AS tag,
          CASE WHEN i % 9 = 2 THEN NULL ELSE 'note ' || i || ' ü' END AS note,
          TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_microseconds(i * 1234567) AS ts,
          CASE WHEN i % 8 = 1 THEN NULL ELSE 18446744073709551615::UBIGINT - i::UBIGINT END AS u,
          (i % 30000)::INTEGER AS i32,
          (i % 300)::SMALLINT AS i16,
          (i / 4.0)::FLOAT AS f32,
          DATE '2020-01-01' + (i % 1000)::INTEGER AS dt
        FROM range(10000) r(i)
        """;

    /// <summary>How DuckDB renders the table for comparison (exact forms: epoch ns, epoch days).</summary>
    private const string SelectTable = "SELECT b, d, ok, tag, note, epoch_ns(ts) AS ts, u, i32, i16, f32, (dt - DATE '1970-01-01') AS dt FROM t";

    /// <summary>Scratch directory.</summary>
    private readonly string _dir = Directory.CreateTempSubdirectory("iox-parquet-duck-").FullName;

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Each codec, format v1 and v2.</summary>
    [Theory]
    [InlineData("snappy", "V1")]
    [InlineData("gzip", "V1")]
    [InlineData("uncompressed", "V1")]
    [InlineData("zstd", "V1")]
    [InlineData("snappy", "V2")]
    [InlineData("uncompressed", "V2")]
    [InlineData("zstd", "V2")]
    public void ReadsExactlyWhatDuckDbWrote(string codec, string version)
    {
        string path = Path.Combine(_dir, $"duck-{codec}-{version}.parquet");
        DuckDbResult expected = DuckDb.Run(
            CreateTable,
            $"COPY t TO {DuckDb.Quote(path)} (FORMAT parquet, COMPRESSION {codec}, PARQUET_VERSION {version}, ROW_GROUP_SIZE 4096)",
            SelectTable);

        byte[] file = File.ReadAllBytes(path);
        var reader = new ParquetReader(file);
        Assert.Equal(10_000, reader.RowCount);
        Assert.True(reader.RowGroupCount >= 2, $"expected several row groups, got {reader.RowGroupCount}");
        Assert.Equal(
            [DataType.Int64, DataType.Float64, DataType.Boolean, DataType.Utf8, DataType.Utf8, DataType.Timestamp, DataType.UInt64, DataType.Int32, DataType.Int16, DataType.Float32, DataType.Date],
            reader.Schema.Fields.Select(f => f.Type));
        int r = 0;
        foreach (RecordBatch batch in reader.Read())
        {
            for (int i = 0; i < batch.RowCount; i++, r++)
            {
                for (int c = 0; c < batch.Schema.Count; c++)
                {
                    AssertSame(expected.Rows[r][c], TestTables.Get(batch.Column(c), i), $"row {r} column {batch.Schema[c].Name}");
                }
            }
        }

        Assert.Equal(10_000, r);
    }

    /// <summary>Statistics DuckDB wrote prune row groups by time.</summary>
    [Fact]
    public void PrunesDuckDbRowGroupsByTime()
    {
        string path = Path.Combine(_dir, "duck-stats.parquet");
        DuckDb.Run(CreateTable, $"COPY t TO {DuckDb.Quote(path)} (FORMAT parquet, ROW_GROUP_SIZE 2048)", "SELECT 1");
        var reader = new ParquetReader(File.ReadAllBytes(path));
        long start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        long row5000 = start + (5000L * 1234567 * 1000);
        ColumnStatistics statistics = reader.GetStatistics(0, 5)!;
        Assert.Equal(start, statistics.MinInt64);
        List<RecordBatch> batches = reader.Read(["ts"], [ColumnRangePredicate.Int64Range("ts", row5000, row5000)]).ToList();
        int rows = batches.Sum(b => b.RowCount);
        Assert.InRange(rows, 1, 2048);
        Assert.Contains(batches, b => ((PrimitiveColumn<long>)b.Column(0)).Values.Contains(row5000));
    }

    /// <summary>
    /// Every single-byte corruption of a small DuckDB v2 file (delta, byte-stream-split and v2 pages)
    /// reads or fails with a typed error: the decoders for other writers' encodings are as strict as ours.
    /// </summary>
    [Fact]
    public void CorruptedDuckDbFilesFailCleanly()
    {
        string path = Path.Combine(_dir, "duck-small-v2.parquet");
        DuckDb.Run(
            CreateTable.Replace("range(10000)", "range(300)", StringComparison.Ordinal),
            $"COPY t TO {DuckDb.Quote(path)} (FORMAT parquet, PARQUET_VERSION V2, COMPRESSION snappy, ROW_GROUP_SIZE 128)",
            "SELECT 1");
        byte[] original = File.ReadAllBytes(path);
        byte[] file = new byte[original.Length];
        foreach (byte mask in new byte[] { 0x01, 0x5A, 0xFF })
        {
            for (int position = 0; position < original.Length; position++)
            {
                original.CopyTo(file, 0);
                file[position] ^= mask;
                try
                {
                    foreach (RecordBatch batch in new ParquetReader(file).Read())
                    {
                        Assert.True(batch.RowCount > 0);
                    }
                }
                catch (IOx.Pg.Storage.Parquet.ParquetFormatException)
                {
                }
                catch (SqlException)
                {
                }
            }
        }
    }

    /// <summary>Compares DuckDB's JSON value with ours.</summary>
    private static void AssertSame(JsonElement duck, object? ours, string where)
    {
        switch (ours)
        {
            case int or short:
                // INTEGER/SMALLINT arrive as JSON numbers, BIGINT (the date difference) as a string.
                long value = Convert.ToInt64(ours, System.Globalization.CultureInfo.InvariantCulture);
                long duckValue = duck.ValueKind == JsonValueKind.Number ? duck.GetInt64() : long.Parse(duck.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(duckValue == value, $"{where}: DuckDB {duck}, ours {ours}");
                break;
            case float f:
                DuckDbReadsOurFilesTests.AssertValue((double)f, duck, where);
                break;
            default:
                DuckDbReadsOurFilesTests.AssertValue(ours, duck, where);
                break;
        }
    }
}
