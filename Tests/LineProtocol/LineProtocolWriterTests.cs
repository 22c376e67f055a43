using System.Text;
using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Tests.LineProtocol;

/// <summary>The write path from a body to the write buffer, without HTTP.</summary>
public sealed class LineProtocolWriterTests
{
    /// <summary>Writes <paramref name="body"/> into <paramref name="database"/>.</summary>
    private static LineWriteResult Write(DatabaseBuffer database, string body, bool acceptPartial = true, TimestampPrecision precision = TimestampPrecision.Nanosecond) =>
        LineProtocolWriter.Write(database, Encoding.UTF8.GetBytes(body), new LineWriteOptions(precision, 42, acceptPartial), new LineParserBuffers());

    [Fact]
    public void StoresEveryTypeWithSchemaRolesAndTime()
    {
        var database = new DatabaseBuffer("db");
        LineWriteResult result = Write(database, "m,host=a f=1.5,i=-3i,u=7u,b=t,s=\"x y\" 100\nm,host=b f=2,i=4i,u=8u,b=false,s=\"\" 200\nm,host=c f=3\n");
        Assert.True(result.Success);
        Assert.Equal(3, result.LinesWritten);
        TableBuffer table = Assert.IsType<TableBuffer>(database.TryGetTable("m", out TableBuffer? t) ? t : null);
        Assert.Equal(["time", "host", "f", "i", "u", "b", "s"], table.Schema.Fields.Select(f => f.Name));
        Assert.Equal(new Field("host", DataType.Utf8, ColumnRole.Tag), StoredValues.Field(table, "host"));
        Assert.Equal(new Field("f", DataType.Float64, ColumnRole.Field), StoredValues.Field(table, "f"));
        Assert.Equal(new Field("i", DataType.Int64, ColumnRole.Field), StoredValues.Field(table, "i"));
        Assert.Equal(new Field("u", DataType.UInt64, ColumnRole.Field), StoredValues.Field(table, "u"));
        Assert.Equal(new Field("b", DataType.Boolean, ColumnRole.Field), StoredValues.Field(table, "b"));
        Assert.Equal(new Field("s", DataType.Utf8, ColumnRole.Field), StoredValues.Field(table, "s"));
        Assert.Equal([100L, 200L, 42L], StoredValues.Column(table, "time"));
        Assert.Equal(["a", "b", "c"], StoredValues.Column(table, "host"));
        Assert.Equal([1.5, 2.0, 3.0], StoredValues.Column(table, "f"));
        Assert.Equal([-3L, 4L, null], StoredValues.Column(table, "i"));
        Assert.Equal([7UL, 8UL, null], StoredValues.Column(table, "u"));
        Assert.Equal([true, false, null], StoredValues.Column(table, "b"));
        Assert.Equal(["x y", "", null], StoredValues.Column(table, "s"));
    }

    [Fact]
    public void FieldTypeConflictIsRejectedWithBothTypesAndOthersStored()
    {
        var database = new DatabaseBuffer("db");
        Assert.True(Write(database, "cpu value=1.5 1").Success);
        LineWriteResult result = Write(database, "cpu value=2i 2\ncpu value=3 3\ncpu value=\"x\" 4\n");
        Assert.Equal(1, result.LinesWritten);
        Assert.Equal(2, result.BadLineCount);
        Assert.Equal(new BadLine(1, "cpu value=2i 2", "field type conflict: input field \"value\" on measurement \"cpu\" is type integer, already exists as type float"), result.BadLines[0]);
        Assert.Equal(3, result.BadLines[1].LineNumber);
        Assert.Contains("is type string, already exists as type float", result.BadLines[1].Message);
        database.TryGetTable("cpu", out TableBuffer? table);
        Assert.Equal([1.5, 3.0], StoredValues.Column(table!, "value"));
    }

    [Fact]
    public void TagFieldRoleConflictsNameBothKinds()
    {
        var database = new DatabaseBuffer("db");
        Assert.True(Write(database, "m,host=a f=1 1").Success);
        LineWriteResult result = Write(database, "m host=2 2\nm,f=x g=1 3\nm,host=b f=4 4");
        Assert.Equal(1, result.LinesWritten);
        Assert.Equal("column type conflict: input field \"host\" on measurement \"m\" is a field of type float, already exists as a tag", result.BadLines[0].Message);
        Assert.Equal("column type conflict: input tag \"f\" on measurement \"m\" is a tag, already exists as a field of type float", result.BadLines[1].Message);
    }

    [Fact]
    public void ConflictWithinOneBodyAfterTheFirstLineCreatesTheColumn()
    {
        var database = new DatabaseBuffer("db");
        LineWriteResult result = Write(database, "m x=1i 1\nm x=1.5 2\n");
        Assert.Equal(1, result.LinesWritten);
        Assert.Equal(2, result.BadLines[0].LineNumber);
        Assert.Contains("is type float, already exists as type integer", result.BadLines[0].Message);
    }

    [Fact]
    public void AllOrNothingStoresNothingAndCreatesNoTable()
    {
        var database = new DatabaseBuffer("db");
        LineWriteResult result = Write(database, "new1 x=1i 1\nnew1 x=1.5 2\nnew2 y=1 3\nbad line\n", acceptPartial: false);
        Assert.Equal(0, result.LinesWritten);
        Assert.Equal(2, result.BadLineCount);
        Assert.Equal([2, 4], result.BadLines.Select(b => b.LineNumber));
        Assert.Contains("is type float, already exists as type integer", result.BadLines[0].Message);
        Assert.Empty(database.TableNames);
    }

    [Fact]
    public void AllOrNothingChecksStoredSchemaAndTagRoleAcrossLines()
    {
        var database = new DatabaseBuffer("db");
        Assert.True(Write(database, "m,t=a f=1 1").Success);
        LineWriteResult result = Write(database, "m f=2 2\nm,g=x f=3 3\nm g=1 4\n", acceptPartial: false);
        Assert.Equal(0, result.LinesWritten);
        BadLine bad = Assert.Single(result.BadLines);
        Assert.Equal(3, bad.LineNumber);
        Assert.Contains("input field \"g\" on measurement \"m\" is a field of type float, already exists as a tag", bad.Message);
        database.TryGetTable("m", out TableBuffer? table);
        Assert.Equal(1, table!.RowCount);
        Assert.Equal(["time", "t", "f"], table.Schema.Fields.Select(f => f.Name));
    }

    [Fact]
    public void AllOrNothingWritesEverythingWhenAllLinesAreGood()
    {
        var database = new DatabaseBuffer("db");
        LineWriteResult result = Write(database, "a x=1 1\nb y=2i 2\na x=3,z=\"s\" 3\n", acceptPartial: false);
        Assert.True(result.Success);
        Assert.Equal(3, result.LinesWritten);
        database.TryGetTable("a", out TableBuffer? a);
        Assert.Equal(["time", "x", "z"], a!.Schema.Fields.Select(f => f.Name));
        Assert.Equal([null, "s"], StoredValues.Column(a, "z"));
    }

    [Fact]
    public void InterleavedMeasurementsAndManyRowsAcrossLockAndBatchBoundaries()
    {
        var database = new DatabaseBuffer("db");
        var body = new StringBuilder();
        const int Rows = 20_000;
        for (int i = 0; i < Rows; i++)
        {
            string measurement = (i % 3) switch { 0 => "cpu", 1 => "mem", _ => "disk" };
            body.Append(measurement).Append(",host=h").Append(i % 7).Append(" v=").Append(i).Append("i ").Append(i).Append('\n');
        }

        LineWriteResult result = Write(database, body.ToString());
        Assert.True(result.Success);
        Assert.Equal(Rows, result.LinesWritten);
        database.TryGetTable("cpu", out TableBuffer? cpu);
        List<object?> values = StoredValues.Column(cpu!, "v");
        Assert.Equal((Rows + 2) / 3, values.Count);
        for (int k = 0; k < values.Count; k++)
        {
            Assert.Equal((long)(k * 3), values[k]);
        }

        Assert.Equal("h" + (3 * 4000 % 7), StoredValues.Column(cpu!, "host")[4000]);
    }

    [Fact]
    public void BadLinesAreCountedBeyondTheListedCap()
    {
        var database = new DatabaseBuffer("db");
        string body = string.Concat(Enumerable.Repeat("bad\n", LineWriteOptions.MaxListedBadLines + 5)) + "m f=1\n";
        LineWriteResult result = Write(database, body);
        Assert.Equal(1, result.LinesWritten);
        Assert.Equal(LineWriteOptions.MaxListedBadLines + 5, result.BadLineCount);
        Assert.Equal(LineWriteOptions.MaxListedBadLines, result.BadLines.Count);
    }
}
