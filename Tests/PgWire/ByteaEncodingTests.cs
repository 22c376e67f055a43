using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Server.PgWire;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.PgWire;

/// <summary>
/// bytea result columns through the row writer over whole batches: every row is written, with the
/// DataRow sizes each form must have (the wire bytes themselves are checked against PostgreSQL in
/// WireTypeDifferentialTests).
/// </summary>
public sealed class ByteaEncodingTests
{
    [Fact]
    public async Task Whole_batches_of_bytea_are_written_in_every_form()
    {
        const int Batches = 3;
        RecordBatch batch = ByteaBatch(RecordBatch.MaxRows);
        var batches = new RecordBatch[Batches];
        Array.Fill(batches, batch);
        var result = new QueryResult([new ResultColumn("b", DataType.Binary)], batches, "SELECT", appendRowCount: true);
        foreach ((PgFormat format, bool escape) in ((PgFormat, bool)[])[(PgFormat.Text, false), (PgFormat.Text, true), (PgFormat.Binary, false)])
        {
            using var output = new PgWriteBuffer(1 << 20);
            var writer = new PgRowWriter(output);
            using var cursor = new ResultCursor(result, [format]);
            long bytes = 0;
            long rows = await writer.WriteRowsAsync(cursor, 0, PgTimeZone.Utc, 1, escape, _ => { bytes += output.Length; output.Clear(); return ValueTask.CompletedTask; }, CancellationToken.None);
            Assert.Equal(Batches * (long)RecordBatch.MaxRows, rows);

            // Every row is 16 bytes (hex: 4 + 2 + 32 per cell plus the 7-byte DataRow header).
            if (format == PgFormat.Text && !escape)
            {
                Assert.Equal(rows * (7 + 4 + 2 + 32), bytes + output.Length);
            }
            else if (format == PgFormat.Binary)
            {
                Assert.Equal(rows * (7 + 4 + 16), bytes + output.Length);
            }
        }
    }

    /// <summary>A batch of <paramref name="count"/> 16-byte values covering every byte value.</summary>
    private static RecordBatch ByteaBatch(int count)
    {
        var builder = (StringColumnBuilder)ColumnBuilder.Create(DataType.Binary, count);
        Span<byte> value = stackalloc byte[16];
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < value.Length; k++)
            {
                value[k] = (byte)((i * 16) + k);
            }

            builder.Append(value);
        }

        return new RecordBatch(new Schema([new Field("b", DataType.Binary)]), [builder.Build()], count);
    }
}
