using IOx.Pg.Protocol.LineProtocol;

namespace IOx.Pg.Tests.LineProtocol;

/// <summary>Every accepted spelling of every field type, and the range limits.</summary>
public sealed class LineFieldValueTests
{
    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("1.0", 1.0)]
    [InlineData("-1.5", -1.5)]
    [InlineData("1e10", 1e10)]
    [InlineData("1E10", 1e10)]
    [InlineData("1.5E-3", 1.5e-3)]
    [InlineData("1.5e+3", 1.5e3)]
    [InlineData(".5", 0.5)]
    [InlineData("-.5", -0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("007", 7.0)]
    [InlineData("1.7976931348623157e308", double.MaxValue)]
    [InlineData("4.9406564584124654e-324", double.Epsilon)]
    [InlineData("1e-400", 0.0)]
    public void Floats(string text, double expected)
    {
        (string _, LineFieldType type, object value) = LineParse.Field($"m f={text}");
        Assert.Equal(LineFieldType.Float, type);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits((double)value));
    }

    [Fact]
    public void FloatIsCorrectlyRoundedAndNegativeZeroKept()
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.30000000000000004), BitConverter.DoubleToInt64Bits((double)LineParse.Field("m f=0.30000000000000004").Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits((double)LineParse.Field("m f=-0.0").Value));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Inf")]
    [InlineData("-Inf")]
    [InlineData("+1")]
    [InlineData("1.2.3")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("0x10")]
    [InlineData("1_000")]
    [InlineData("1ee2")]
    [InlineData("abc")]
    [InlineData("tru")]
    [InlineData("yes")]
    public void InvalidValues(string text)
    {
        ErrorCopy error = LineParse.Error($"m f={text}");
        Assert.Equal(LineErrorKind.InvalidFieldValue, error.Kind);
        Assert.Contains($"'{text}'", error.Message);
        Assert.Contains("field key 'f'", error.Message);
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("-1e309")]
    [InlineData("1.8e308")]
    public void FloatOverflowIsOutOfRange(string text)
    {
        ErrorCopy error = LineParse.Error($"m f={text}");
        Assert.Equal(LineErrorKind.NumberOutOfRange, error.Kind);
        Assert.Contains("out of range", error.Message);
    }

    [Theory]
    [InlineData("0i", 0L)]
    [InlineData("123i", 123L)]
    [InlineData("-123i", -123L)]
    [InlineData("9223372036854775807i", long.MaxValue)]
    [InlineData("-9223372036854775808i", long.MinValue)]
    public void Integers(string text, long expected) =>
        Assert.Equal(("f", LineFieldType.Integer, (object)expected), LineParse.Field($"m f={text}"));

    [Theory]
    [InlineData("9223372036854775808i")]
    [InlineData("-9223372036854775809i")]
    [InlineData("99999999999999999999999i")]
    public void IntegerOutOfRange(string text)
    {
        ErrorCopy error = LineParse.Error($"m f={text}");
        Assert.Equal(LineErrorKind.NumberOutOfRange, error.Kind);
        Assert.Contains("out of range for a 64-bit signed integer", error.Message);
    }

    [Theory]
    [InlineData("1.5i")]
    [InlineData("-i")]
    [InlineData("1e3i")]
    [InlineData("12ai")]
    [InlineData("1.5u")]
    [InlineData("+1u")]
    public void InvalidIntegers(string text) =>
        Assert.Equal(LineErrorKind.InvalidFieldValue, LineParse.Error($"m f={text}").Kind);

    [Theory]
    [InlineData("0u", 0UL)]
    [InlineData("123u", 123UL)]
    [InlineData("18446744073709551615u", ulong.MaxValue)]
    public void Unsigned(string text, ulong expected) =>
        Assert.Equal(("f", LineFieldType.UInteger, (object)expected), LineParse.Field($"m f={text}"));

    [Theory]
    [InlineData("18446744073709551616u", "out of range for a 64-bit unsigned integer")]
    [InlineData("-1u", "is negative")]
    public void UnsignedOutOfRange(string text, string reason)
    {
        ErrorCopy error = LineParse.Error($"m f={text}");
        Assert.Equal(LineErrorKind.NumberOutOfRange, error.Kind);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("t", true)]
    [InlineData("T", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("f", false)]
    [InlineData("F", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("FALSE", false)]
    public void Booleans(string text, bool expected) =>
        Assert.Equal(("b", LineFieldType.Boolean, (object)expected), LineParse.Field($"m b={text}"));

    [Theory]
    [InlineData("tRUE")]
    [InlineData("fALSE")]
    [InlineData("TrUe")]
    public void OtherBooleanSpellingsAreRejected(string text) =>
        Assert.Equal(LineErrorKind.InvalidFieldValue, LineParse.Error($"m b={text}").Kind);

    [Fact]
    public void RandomFloatsAreBitExactAgainstTheRuntimeParser()
    {
        var random = new Random(12345);
        var body = new System.Text.StringBuilder();
        var expected = new List<double>();
        for (int n = 0; n < 20_000; n++)
        {
            string text = (n % 4) switch
            {
                0 => (random.NextDouble() * 100).ToString("F" + random.Next(0, 8), System.Globalization.CultureInfo.InvariantCulture),
                1 => (random.NextDouble() * Math.Pow(10, random.Next(-30, 30))).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                2 => random.NextInt64(0, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + random.Next(0, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "-" + random.Next(0, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "e" + random.Next(-25, 25).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            expected.Add(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
            body.Append("m f=").Append(text).Append('\n');
        }

        (List<ParsedCopy> lines, List<ErrorCopy> errors) = LineParse.Parse(body.ToString());
        Assert.Empty(errors);
        for (int n = 0; n < expected.Count; n++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[n]), BitConverter.DoubleToInt64Bits((double)lines[n].Fields[0].Value));
        }
    }
}
