using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.Storage;

/// <summary>Arrow-layout builders produce the buffers the Arrow columnar format specifies.</summary>
public sealed class ColumnBuilderTests
{
    [Fact]
    public void PrimitiveColumnHasValidityBitmapOnlyWhenNullsExist()
    {
        var builder = new PrimitiveColumnBuilder<long>(DataType.Int64, 4);
        builder.Append(1);
        builder.Append(2);
        var noNulls = (PrimitiveColumn<long>)builder.Build();
        Assert.Equal(0, noNulls.NullCount);
        Assert.True(noNulls.Validity.IsEmpty);
        Assert.Equal([1L, 2L], noNulls.Values.ToArray());

        for (int i = 0; i < 20; i++)
        {
            if (i % 3 == 0)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(i);
            }
        }

        var withNulls = (PrimitiveColumn<long>)builder.Build();
        Assert.Equal(20, withNulls.Length);
        Assert.Equal(7, withNulls.NullCount);
        Assert.Equal(7, withNulls.Length - BitUtil.CountSet(withNulls.Validity, withNulls.Length));
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(i % 3 == 0, withNulls.IsNull(i));
            Assert.Equal(i % 3 == 0 ? 0 : i, withNulls.Values[i]);
        }
    }

    [Fact]
    public void StringColumnUsesOffsetsIntoOneBuffer()
    {
        var builder = new StringColumnBuilder(2);
        builder.Append("héllo");
        builder.AppendNull();
        builder.Append(""u8);
        builder.Append("✓");
        var column = (StringColumn)builder.Build();
        Assert.Equal([0, 6, 6, 6, 9], column.Offsets.ToArray());
        Assert.Equal("héllo", column.GetString(0));
        Assert.True(column.IsNull(1));
        Assert.False(column.IsNull(2));
        Assert.Equal("", column.GetString(2));
        Assert.Equal("✓", column.GetString(3));
    }

    [Fact]
    public void DictionaryColumnStoresEachDistinctValueOnce()
    {
        var builder = new DictionaryColumnBuilder(4);
        string[] values = new string[1000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = "host_" + (i % 150);
            builder.Append(System.Text.Encoding.UTF8.GetBytes(values[i]));
        }

        builder.AppendNull();
        var column = (DictionaryColumn)builder.Build();
        Assert.Equal(150, column.Dictionary.Length);
        Assert.Equal(1001, column.Length);
        Assert.True(column.IsNull(1000));
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], column.GetString(i));
            Assert.Equal(i % 150, column.Indices[i]);
        }
    }

    [Fact]
    public void BooleanColumnPacksBitsLeastSignificantFirst()
    {
        var builder = new BooleanColumnBuilder(1);
        bool[] values = [true, false, true, true, false, false, false, true, true];
        foreach (bool value in values)
        {
            builder.Append(value);
        }

        var column = (BooleanColumn)builder.Build();
        Assert.Equal(0b1000_1101, column.Bits[0]);
        Assert.Equal(1, column.Bits[1]);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], column.GetValue(i));
        }
    }

    [Fact]
    public void SnapshotCopiesWithoutDisturbingTheBuilder()
    {
        var builder = new DictionaryColumnBuilder(4);
        builder.Append("a"u8);
        builder.AppendNull();
        var snapshot = (DictionaryColumn)builder.Snapshot();
        builder.Append("b"u8);
        Assert.Equal(2, snapshot.Length);
        Assert.Equal("a", snapshot.GetString(0));
        Assert.True(snapshot.IsNull(1));
        var built = (DictionaryColumn)builder.Build();
        Assert.Equal(3, built.Length);
        Assert.Equal("b", built.GetString(2));
    }
}
