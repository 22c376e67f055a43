using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Server.PgWire;
using IOx.Pg.Storage.Arrow;
using Xunit.Abstractions;

namespace IOx.Pg.Tests.PgWire;

/// <summary>Row streaming from real record batches to DataRow messages: text, binary, row limits, flushing, allocation.</summary>
public sealed class PgRowWriterTests
{
    /// <summary>2024-01-01 00:00:00 UTC in nanoseconds.</summary>
    private const long Jan2024 = 1_704_067_200_000_000_000L;

    /// <summary>Where measurements are printed.</summary>
    private readonly ITestOutputHelper _log;

    /// <summary>Creates the test class.</summary>
    public PgRowWriterTests(ITestOutputHelper log) => _log = log;

    [Fact]
    public async Task AllRowsOfAllBatchesAsText()
    {
        QueryResult result = CpuResult(2500, 0, 1500);
        using var output = new PgWriteBuffer();
        var sink = new MemoryStream();
        var writer = new PgRowWriter(output);
        using var cursor = new ResultCursor(result, new PgFormat[3]);
        int flushes = 0;
        long sent = await writer.WriteRowsAsync(cursor, 0, PgTimeZone.Utc, _ => { flushes++; Drain(output, sink); return ValueTask.CompletedTask; }, CancellationToken.None);
        Drain(output, sink);
        Assert.Equal(4000, sent);
        Assert.True(cursor.Completed);
        Assert.True(flushes > 0);

        List<string?[]> rows = ParseDataRows(sink.ToArray());
        Assert.Equal(4000, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(ExpectedRow(i), rows[i]);
        }
    }

    [Fact]
    public async Task RowLimitSuspendsAndResumesInOrder()
    {
        QueryResult result = CpuResult(700, 2000);
        using var output = new PgWriteBuffer();
        var writer = new PgRowWriter(output);
        using var cursor = new ResultCursor(result, new PgFormat[3]);
        var calls = new List<long>();
        while (!cursor.Completed)
        {
            calls.Add(await writer.WriteRowsAsync(cursor, 1000, PgTimeZone.Utc, _ => ValueTask.CompletedTask, CancellationToken.None));
        }

        // 1000 + 1000 + 700: the third call finds the end after sending its rows.
        Assert.Equal([1000L, 1000L, 700L], calls);
        List<string?[]> rows = ParseDataRows(output.WrittenSpan.ToArray());
        Assert.Equal(2700, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(ExpectedRow(i), rows[i]);
        }
    }

    [Fact]
    public async Task BinaryFormatsPerColumn()
    {
        QueryResult result = CpuResult(3);
        using var output = new PgWriteBuffer();
        var writer = new PgRowWriter(output);
        using var cursor = new ResultCursor(result, [PgFormat.Binary, PgFormat.Text, PgFormat.Binary]);
        Assert.Equal(PgFormat.Binary, cursor.Describe()[0].Format);
        Assert.Equal(PgTypeOid.Timestamptz, cursor.Describe()[0].TypeOid);
        await writer.WriteRowsAsync(cursor, 0, PgTimeZone.Utc, _ => ValueTask.CompletedTask, CancellationToken.None);
        List<byte[]?[]> rows = ParseDataRowBytes(output.WrittenSpan.ToArray());
        Assert.Equal(3, rows.Count);
        long micros2000 = (Jan2024 / 1000) - PgEpoch.MicrosecondsFromUnixEpoch;
        Assert.Equal(micros2000 + 1_000_000, BinaryPrimitives.ReadInt64BigEndian(rows[1][0]));
        Assert.Equal("host-1", Encoding.UTF8.GetString(rows[1][1]!));
        Assert.Equal(1.5, BinaryPrimitives.ReadDoubleBigEndian(rows[1][2]));
        Assert.Null(rows[0][2]);
    }

    [Fact]
    public async Task CancellationIsObservedBetweenBatches()
    {
        QueryResult result = CpuResult(10, 10);
        using var output = new PgWriteBuffer();
        var writer = new PgRowWriter(output);
        using var cursor = new ResultCursor(result, new PgFormat[3]);
        using var cancel = new CancellationTokenSource();
        await writer.WriteRowsAsync(cursor, 5, PgTimeZone.Utc, _ => ValueTask.CompletedTask, cancel.Token);
        await cancel.CancelAsync();

        // The rest of the current batch goes out; the next batch is not started.
        await Assert.ThrowsAsync<OperationCanceledException>(async () =>
            await writer.WriteRowsAsync(cursor, 0, PgTimeZone.Utc, _ => ValueTask.CompletedTask, cancel.Token));
        Assert.Equal(10, ParseDataRows(output.WrittenSpan.ToArray()).Count);
    }

    [Fact]
    public void EncodingAChunkDoesNotAllocateOnceWarm()
    {
        QueryResult result = CpuResult(RecordBatch.MaxRows);
        using var output = new PgWriteBuffer(4 * 1024 * 1024);
        var writer = new PgRowWriter(output);
        using var cursor = new ResultCursor(result, new PgFormat[3]);
        Assert.True(cursor.MoveNextBatch());
        writer.WriteChunk(cursor, PgTimeZone.Utc, PgRowWriter.ChunkRows);
        output.Clear();
        long before = GC.GetAllocatedBytesForCurrentThread();
        writer.WriteChunk(cursor, PgTimeZone.Utc, PgRowWriter.ChunkRows);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task MeasureEncodingThroughput()
    {
        const int Batches = 64;
        var batches = new RecordBatch[Batches];
        RecordBatch batch = CpuBatch(0, RecordBatch.MaxRows);
        Array.Fill(batches, batch);
        var result = new QueryResult(Columns3, batches, "SELECT", appendRowCount: true);
        foreach (PgFormat format in (PgFormat[])[PgFormat.Text, PgFormat.Binary, PgFormat.Text, PgFormat.Binary])
        {
            // The first pass of each format warms up (tiered JIT, Ryu tables); the second is reported.
            using var output = new PgWriteBuffer(1 << 20);
            var writer = new PgRowWriter(output);
            using var cursor = new ResultCursor(result, [format, format, format]);
            long bytes = 0;
            var watch = Stopwatch.StartNew();
            long rows = await writer.WriteRowsAsync(cursor, 0, PgTimeZone.Utc, _ => { bytes += output.Length; output.Clear(); return ValueTask.CompletedTask; }, CancellationToken.None);
            watch.Stop();
            Assert.Equal(Batches * (long)RecordBatch.MaxRows, rows);
            _log.WriteLine($"{format}: {rows} rows (time, tag, float8) in {watch.Elapsed.TotalMilliseconds:F1} ms = {rows / watch.Elapsed.TotalSeconds / 1e6:F2} M rows/s, {(bytes + output.Length) / watch.Elapsed.TotalSeconds / 1e6:F0} MB/s");
        }
    }

    /// <summary>The result columns used here.</summary>
    private static readonly ResultColumn[] Columns3 =
    [
        new("time", DataType.Timestamp),
        new("host", DataType.Utf8),
        new("usage", DataType.Float64),
    ];

    /// <summary>A cpu-like result with batches of the given sizes; row i overall is <see cref="ExpectedRow"/>(i).</summary>
    private static QueryResult CpuResult(params int[] batchSizes)
    {
        var batches = new List<RecordBatch>();
        int first = 0;
        foreach (int size in batchSizes)
        {
            batches.Add(CpuBatch(first, size));
            first += size;
        }

        return new QueryResult(Columns3, batches, "SELECT", appendRowCount: true);
    }

    /// <summary>Rows first .. first + count: time = 2024-01-01 + i s, host = "host-(i % 10)", usage = i + 0.5, NULL when i % 7 == 0.</summary>
    private static RecordBatch CpuBatch(int first, int count)
    {
        var time = (PrimitiveColumnBuilder<long>)ColumnBuilder.Create(DataType.Timestamp, count);
        var host = (DictionaryColumnBuilder)ColumnBuilder.Create(DataType.Utf8, count, dictionary: true);
        var usage = (PrimitiveColumnBuilder<double>)ColumnBuilder.Create(DataType.Float64, count);
        for (int i = first; i < first + count; i++)
        {
            time.Append(Jan2024 + (i * 1_000_000_000L));
            host.Append(Encoding.UTF8.GetBytes($"host-{i % 10}"));
            if (i % 7 == 0)
            {
                usage.AppendNull();
            }
            else
            {
                usage.Append(i + 0.5);
            }
        }

        var schema = new Schema([new Field("time", DataType.Timestamp), new Field("host", DataType.Utf8), new Field("usage", DataType.Float64)]);
        return new RecordBatch(schema, [time.Build(), host.Build(), usage.Build()], count);
    }

    /// <summary>The text row PostgreSQL would send for row <paramref name="i"/>.</summary>
    private static string?[] ExpectedRow(int i) =>
    [
        DateTime.UnixEpoch.AddTicks((Jan2024 / 100) + (i * TimeSpan.TicksPerSecond)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00",
        $"host-{i % 10}",
        i % 7 == 0 ? null : $"{i}.5",
    ];

    /// <summary>Moves the buffer's bytes into <paramref name="sink"/>.</summary>
    private static void Drain(PgWriteBuffer output, MemoryStream sink)
    {
        sink.Write(output.WrittenSpan);
        output.Clear();
    }

    /// <summary>Decodes DataRow messages as UTF-8 texts.</summary>
    private static List<string?[]> ParseDataRows(byte[] wire) =>
        ParseDataRowBytes(wire).Select(row => row.Select(v => v is null ? null : Encoding.UTF8.GetString(v)).ToArray()).ToList();

    /// <summary>Decodes DataRow messages into raw values (null = NULL), checking framing.</summary>
    private static List<byte[]?[]> ParseDataRowBytes(byte[] wire)
    {
        var rows = new List<byte[]?[]>();
        int pos = 0;
        while (pos < wire.Length)
        {
            Assert.Equal((byte)'D', wire[pos]);
            int length = BinaryPrimitives.ReadInt32BigEndian(wire.AsSpan(pos + 1));
            int end = pos + 1 + length;
            int p = pos + 5;
            short columns = BinaryPrimitives.ReadInt16BigEndian(wire.AsSpan(p));
            p += 2;
            var row = new byte[]?[columns];
            for (int c = 0; c < columns; c++)
            {
                int valueLength = BinaryPrimitives.ReadInt32BigEndian(wire.AsSpan(p));
                p += 4;
                if (valueLength >= 0)
                {
                    row[c] = wire.AsSpan(p, valueLength).ToArray();
                    p += valueLength;
                }
            }

            Assert.Equal(end, p);
            rows.Add(row);
            pos = end;
        }

        return rows;
    }
}
