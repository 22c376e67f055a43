using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Tests.Storage;

/// <summary>The write buffer keeps schema on write and appends rows into Arrow-layout chunks.</summary>
public sealed class WriteBufferTests
{
    [Fact]
    public void ColumnAddedLaterIsNullForEarlierRowsAcrossChunks()
    {
        var table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("cpu");
        int rows = RecordBatch.MaxRows + 100;
        using (TableWriter writer = table.BeginWrite())
        {
            for (int i = 0; i < rows; i++)
            {
                writer.BeginRow();
                writer.AppendTag("host"u8, i % 2 == 0 ? "a"u8 : "b"u8);
                writer.AppendDouble("v"u8, i);
                if (i >= RecordBatch.MaxRows + 50)
                {
                    writer.AppendInt64("late"u8, i);
                }

                writer.EndRow(i * 1000L);
            }
        }

        TableSnapshot snapshot = table.Snapshot();
        Assert.Equal(rows, snapshot.RowCount);
        Assert.Equal(["time", "host", "v", "late"], snapshot.Schema.Fields.Select(f => f.Name));
        Assert.Equal([ColumnRole.Time, ColumnRole.Tag, ColumnRole.Field, ColumnRole.Field], snapshot.Schema.Fields.Select(f => f.Role));
        Assert.Equal(2, snapshot.Batches.Count);
        RecordBatch first = snapshot.Batches[0];
        Assert.Equal(RecordBatch.MaxRows, first.RowCount);
        Assert.Equal(3, first.Schema.Count);
        Column lateInFirst = snapshot.GetColumn(first, 3);
        Assert.Equal(RecordBatch.MaxRows, lateInFirst.NullCount);

        RecordBatch second = snapshot.Batches[1];
        var late = (PrimitiveColumn<long>)snapshot.GetColumn(second, 3);
        Assert.Equal(50, late.NullCount);
        Assert.True(late.IsNull(49));
        Assert.Equal(RecordBatch.MaxRows + 50, late.Values[50]);
        var host = (DictionaryColumn)second.Column(1);
        Assert.Equal("a", host.GetString(0));
        var time = (PrimitiveColumn<long>)second.Column(0);
        Assert.Equal((RecordBatch.MaxRows + 99) * 1000L, time.Values[99]);
    }

    [Fact]
    public void CheckColumnReportsTypeAndRoleConflicts()
    {
        var table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("m");
        using TableWriter writer = table.BeginWrite();
        Assert.Equal(ColumnCheck.Ok, writer.CheckColumn("v"u8, DataType.Float64, ColumnRole.Field));
        writer.BeginRow();
        writer.AppendTag("t"u8, "x"u8);
        writer.AppendDouble("v"u8, 1.5);
        writer.EndRow(1);
        Assert.Equal(ColumnCheck.Ok, writer.CheckColumn("v"u8, DataType.Float64, ColumnRole.Field));
        Assert.Equal(ColumnCheck.TypeConflict, writer.CheckColumn("v"u8, DataType.Int64, ColumnRole.Field, out DataType existing));
        Assert.Equal(DataType.Float64, existing);
        Assert.Equal(ColumnCheck.RoleConflict, writer.CheckColumn("t"u8, DataType.Utf8, ColumnRole.Field));
        Assert.Equal(ColumnCheck.RoleConflict, writer.CheckColumn("time"u8, DataType.Float64, ColumnRole.Field));
    }

    [Fact]
    public void SnapshotIsUnaffectedByLaterWrites()
    {
        var table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("m");
        using (TableWriter writer = table.BeginWrite())
        {
            writer.BeginRow();
            writer.AppendDouble("v"u8, 1);
            writer.EndRow(1);
        }

        TableSnapshot before = table.Snapshot();
        using (TableWriter writer = table.BeginWrite())
        {
            writer.BeginRow();
            writer.AppendString("s"u8, "x"u8);
            writer.EndRow(2);
        }

        Assert.Equal(1, before.RowCount);
        Assert.Equal(2, before.Schema.Count);
        Assert.Equal(2, table.Snapshot().RowCount);
        Assert.Equal(3, table.Schema.Count);
    }
}
