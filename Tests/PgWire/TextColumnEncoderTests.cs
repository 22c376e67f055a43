using System.Text;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Columns;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.PgWire;

/// <summary>Text encoding of whole columns, every type, with nulls and row ranges.</summary>
public sealed class TextColumnEncoderTests
{
    [Fact]
    public void EveryTypeAsText()
    {
        Expect(Text(Columns.Booleans(true, false)), "t", "f");
        Expect(Text(Columns.Of(DataType.Int16, short.MinValue, (short)5)), "-32768", "5");
        Expect(Text(Columns.Of(DataType.Int32, int.MaxValue)), "2147483647");
        Expect(Text(Columns.Of(DataType.Int64, long.MinValue)), "-9223372036854775808");
        Expect(Text(Columns.Of(DataType.UInt64, ulong.MaxValue, 0UL)), "18446744073709551615", "0");
        Expect(Text(Columns.Of(DataType.Float64, 1.5, 1e100)), "1.5", "1e+100");
        Expect(Text(Columns.Of(DataType.Float32, 1e6f)), "1e+06");
        Expect(Text(Columns.Of(DataType.Numeric, 1.50m, -0.001m, decimal.MaxValue, 0m)), "1.50", "-0.001", "79228162514264337593543950335", "0");
        Expect(Text(Columns.Of(DataType.Timestamp, 1_704_067_200_500_000_000L)), "2024-01-01 00:00:00.5+00");
        Expect(Text(Columns.Of(DataType.TimestampNoTz, 1_704_067_200_500_000_000L)), "2024-01-01 00:00:00.5");
        Expect(Text(Columns.Of(DataType.Date, 19723)), "2024-01-01");
        Expect(Text(Columns.Of(DataType.Interval, new Interval(14, 0, 0))), "1 year 2 mons");
        Expect(Text(Columns.Strings("a", null, "ü")), "a", null, "ü");
        Expect(Text(Columns.Tags("x", "y", null, "x")), "x", "y", null, "x");
    }

    [Fact]
    public void NullsAndRangesOfPrimitiveColumns()
    {
        var builder = (PrimitiveColumnBuilder<long>)ColumnBuilder.Create(DataType.Int64, 4);
        builder.Append(1);
        builder.AppendNull();
        builder.Append(3);
        builder.Append(4);
        Column column = builder.Build();
        Expect(Text(column), "1", null, "3", "4");
        var output = new EncodedColumn();
        ColumnEncoder.Encode(column, PgFormat.Text, PgTypeOid.Int8, PgTimeZone.Utc, 1, 2, output);
        Assert.Equal(2, output.Count);
        Assert.Equal(-1, output.LengthOf(0));
        Assert.Equal("3", Encoding.UTF8.GetString(output.ValueOf(1)));
    }

    [Fact]
    public void AllNullColumnOfTheNullType()
    {
        Expect(Text(NullColumns.Create(DataType.Null, 2)), null, null);
        Assert.Equal(PgTypeOid.Text, PgTypeInfo.OidOf(DataType.Null));
    }

    [Fact]
    public void TypeOidsAndSizes()
    {
        Assert.Equal(PgTypeOid.Numeric, PgTypeInfo.OidOf(DataType.UInt64));
        Assert.Equal(PgTypeOid.Numeric, PgTypeInfo.OidOf(DataType.Numeric));
        Assert.Equal(PgTypeOid.Timestamptz, PgTypeInfo.OidOf(DataType.Timestamp));
        Assert.Equal(PgTypeOid.Timestamp, PgTypeInfo.OidOf(DataType.TimestampNoTz));
        Assert.Equal(PgTypeOid.Name, PgTypeInfo.OidOf(DataType.Utf8, PgTypeOid.Name));
        Assert.Equal(8, PgTypeInfo.SizeOf(PgTypeOid.Timestamptz));
        Assert.Equal(-1, PgTypeInfo.SizeOf(PgTypeOid.Numeric));
        Assert.Equal(-1, PgTypeInfo.SizeOf(PgTypeOid.Text));
        Assert.Equal(16, PgTypeInfo.SizeOf(PgTypeOid.Interval));
        Assert.Equal(1, PgTypeInfo.SizeOf(PgTypeOid.Bool));
        Assert.Equal(4, PgTypeInfo.SizeOf(PgTypeOid.Date));
    }

    /// <summary>Asserts the texts, element by element.</summary>
    private static void Expect(string?[] actual, params string?[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    /// <summary>Text of every row; null for NULL.</summary>
    private static string?[] Text(Column column)
    {
        var output = new EncodedColumn();
        ColumnEncoder.Encode(column, PgFormat.Text, PgTypeInfo.OidOf(column.Type), PgTimeZone.Utc, 0, column.Length, output);
        var values = new string?[output.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = output.LengthOf(i) < 0 ? null : Encoding.UTF8.GetString(output.ValueOf(i));
        }

        return values;
    }
}
