using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Columns;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.PgWire;

/// <summary>Binary encodings, byte for byte as PostgreSQL's send functions produce them.</summary>
public sealed class BinaryEncodingTests
{
    [Theory]
    [InlineData("0", "0000 0000 0000 0000")]
    [InlineData("0.00", "0000 0000 0000 0002")]
    [InlineData("1", "0001 0000 0000 0000 0001")]
    [InlineData("12345.678", "0003 0001 0000 0003 0001 0929 1A7C")]
    [InlineData("-0.5", "0001 FFFF 4000 0001 1388")]
    [InlineData("10000", "0001 0001 0000 0000 0001")]
    [InlineData("0.0001", "0001 FFFF 0000 0004 0001")]
    [InlineData("0.00001", "0001 FFFE 0000 0005 03E8")]
    [InlineData("1.50", "0002 0000 0000 0002 0001 1388")]
    [InlineData("-123456789.123456789", "0006 0002 4000 0009 0001 0929 1A85 04D2 162E 2328")]
    [InlineData("79228162514264337593543950335", "0008 0007 0000 0000 0007 240C 0659 0592 10F1 172F 112B 014F")]
    public void NumericFromDecimal(string value, string expectedHex)
    {
        decimal number = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        byte[] buffer = new byte[NumericBinary.MaxLength];
        int written = NumericBinary.Write(number, buffer);
        Assert.Equal(Hex.Bytes(expectedHex), buffer[..written]);
    }

    [Fact]
    public void NumericFromUInt64()
    {
        byte[] buffer = new byte[NumericBinary.MaxLength];
        int written = NumericBinary.Write(ulong.MaxValue, buffer);

        // 18446744073709551615 = 1844 6744 0737 0955 1615 (base 10000), weight 4.
        Assert.Equal(Hex.Bytes("0005 0004 0000 0000 0734 1A58 02E1 03BB 064F"), buffer[..written]);
    }

    [Fact]
    public void ScalarTypesMatchSendFunctions()
    {
        Assert.Equal(Hex.Bytes("01 00"), EncodeAll(Columns.Booleans(true, false)));
        Assert.Equal(Hex.Bytes("FFFE"), EncodeAll(Columns.Of(DataType.Int16, (short)-2)));
        Assert.Equal(Hex.Bytes("7FFFFFFF"), EncodeAll(Columns.Of(DataType.Int32, int.MaxValue)));
        Assert.Equal(Hex.Bytes("8000000000000000"), EncodeAll(Columns.Of(DataType.Int64, long.MinValue)));
        Assert.Equal(Hex.Bytes("3FC00000"), EncodeAll(Columns.Of(DataType.Float32, 1.5f)));
        Assert.Equal(Hex.Bytes("3FF8000000000000"), EncodeAll(Columns.Of(DataType.Float64, 1.5)));
        Assert.Equal(Hex.Bytes("7FF8000000000000"), EncodeAll(Columns.Of(DataType.Float64, double.NaN)));
        Assert.Equal(Hex.Bytes("7FC00000"), EncodeAll(Columns.Of(DataType.Float32, float.NaN)));
        Assert.Equal(Hex.Bytes("68 C3 A9"), EncodeAll(Columns.Strings("hé")));
    }

    [Fact]
    public void TimestampsCountMicrosecondsFrom2000()
    {
        const long Y2000 = 946_684_800_000_000_000L;
        Assert.Equal(Hex.Bytes("0000000000000000"), EncodeAll(Columns.Of(DataType.Timestamp, Y2000)));
        Assert.Equal(Hex.Bytes("0000000000000001"), EncodeAll(Columns.Of(DataType.Timestamp, Y2000 + 1_999)));
        Assert.Equal(Hex.Bytes("FFFFFFFFFFFFFFFF"), EncodeAll(Columns.Of(DataType.TimestampNoTz, Y2000 - 1)));

        // 2024-01-01: 8766 days after 2000-01-01 = 757382400000000 µs = 0x0002B0D3_B4A6_0000... checked by arithmetic below.
        long micros = 8766L * 86_400_000_000L;
        byte[] expected = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(expected, micros);
        Assert.Equal(expected, EncodeAll(Columns.Of(DataType.Timestamp, 1_704_067_200_000_000_000L)));
    }

    [Fact]
    public void DatesCountDaysFrom2000()
    {
        Assert.Equal(Hex.Bytes("00000000"), EncodeAll(Columns.Of(DataType.Date, 10957)));
        Assert.Equal(Hex.Bytes("FFFFD533"), EncodeAll(Columns.Of(DataType.Date, 0)));
    }

    [Fact]
    public void IntervalIsMicrosecondsDaysMonths()
    {
        Assert.Equal(
            Hex.Bytes("00000000000F4240 00000002 0000000E"),
            EncodeAll(Columns.Of(DataType.Interval, new Interval(14, 2, 1_000_000_000L))));
    }

    [Fact]
    public void OidOverridesOnIntegersUseFourBytes()
    {
        var output = new EncodedColumn();
        ColumnEncoder.Encode(Columns.Of(DataType.Int64, 1259L), PgFormat.Binary, PgTypeOid.Oid, PgTimeZone.Utc, 0, 1, output);
        Assert.Equal(Hex.Bytes("000004EB"), output.ValueOf(0).ToArray());
    }

    [Fact]
    public void BinaryOfAnUnsupportedOverrideIs42883()
    {
        var output = new EncodedColumn();
        SqlException error = Assert.Throws<SqlException>(() =>
            ColumnEncoder.Encode(Columns.Of(DataType.Float64, 1.0), PgFormat.Binary, 3802, PgTimeZone.Utc, 0, 1, output));
        Assert.Equal(SqlState.UndefinedFunction, error.SqlState);
    }

    /// <summary>Encodes every row of <paramref name="column"/> in binary and concatenates the values.</summary>
    private static byte[] EncodeAll(Column column)
    {
        var output = new EncodedColumn();
        ColumnEncoder.Encode(column, PgFormat.Binary, PgTypeInfo.OidOf(column.Type), PgTimeZone.Utc, 0, column.Length, output);
        var bytes = new List<byte>();
        for (int i = 0; i < output.Count; i++)
        {
            bytes.AddRange(output.ValueOf(i).ToArray());
        }

        return [.. bytes];
    }
}
