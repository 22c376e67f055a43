using IOx.Pg.Protocol.LineProtocol;

namespace IOx.Pg.Tests.LineProtocol;

/// <summary>Precision spellings and conversion of timestamps to nanoseconds.</summary>
public sealed class TimestampPrecisionTests
{
    [Theory]
    [InlineData("n", TimestampPrecision.Nanosecond)]
    [InlineData("ns", TimestampPrecision.Nanosecond)]
    [InlineData("nanosecond", TimestampPrecision.Nanosecond)]
    [InlineData("u", TimestampPrecision.Microsecond)]
    [InlineData("us", TimestampPrecision.Microsecond)]
    [InlineData("microsecond", TimestampPrecision.Microsecond)]
    [InlineData("ms", TimestampPrecision.Millisecond)]
    [InlineData("millisecond", TimestampPrecision.Millisecond)]
    [InlineData("s", TimestampPrecision.Second)]
    [InlineData("second", TimestampPrecision.Second)]
    [InlineData("m", TimestampPrecision.Minute)]
    [InlineData("h", TimestampPrecision.Hour)]
    [InlineData("auto", TimestampPrecision.Auto)]
    public void Spellings(string text, TimestampPrecision expected)
    {
        Assert.True(TimestampPrecisions.TryParse(text, out TimestampPrecision precision));
        Assert.Equal(expected, precision);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NS")]
    [InlineData("sec")]
    [InlineData("x")]
    public void UnknownSpellings(string text) => Assert.False(TimestampPrecisions.TryParse(text, out _));

    [Theory]
    [InlineData(TimestampPrecision.Nanosecond, "1700000000123456789", 1700000000123456789)]
    [InlineData(TimestampPrecision.Microsecond, "1700000000123456", 1700000000123456000)]
    [InlineData(TimestampPrecision.Millisecond, "1700000000123", 1700000000123000000)]
    [InlineData(TimestampPrecision.Second, "1700000000", 1700000000000000000)]
    [InlineData(TimestampPrecision.Minute, "28333333", 28333333L * 60_000_000_000)]
    [InlineData(TimestampPrecision.Hour, "472222", 472222L * 3_600_000_000_000)]
    [InlineData(TimestampPrecision.Second, "-1", -1_000_000_000)]
    [InlineData(TimestampPrecision.Nanosecond, "-9223372036854775808", long.MinValue)]
    [InlineData(TimestampPrecision.Nanosecond, "9223372036854775807", long.MaxValue)]
    [InlineData(TimestampPrecision.Second, "9223372036", 9223372036000000000)]
    [InlineData(TimestampPrecision.Second, "-9223372036", -9223372036000000000)]
    [InlineData(TimestampPrecision.Auto, "1700000000", 1700000000000000000)]
    [InlineData(TimestampPrecision.Auto, "1700000000123", 1700000000123000000)]
    [InlineData(TimestampPrecision.Auto, "1700000000123456", 1700000000123456000)]
    [InlineData(TimestampPrecision.Auto, "1700000000123456789", 1700000000123456789)]
    [InlineData(TimestampPrecision.Auto, "-1700000000", -1700000000000000000)]
    public void Conversion(TimestampPrecision precision, string text, long expected) =>
        Assert.Equal(expected, LineParse.One($"m f=1 {text}", precision).Timestamp);

    [Theory]
    [InlineData(TimestampPrecision.Second, "9223372037")]
    [InlineData(TimestampPrecision.Second, "-9223372037")]
    [InlineData(TimestampPrecision.Millisecond, "9223372036855")]
    [InlineData(TimestampPrecision.Microsecond, "9223372036854776")]
    [InlineData(TimestampPrecision.Hour, "2562048")]
    public void ConversionOverflow(TimestampPrecision precision, string text) =>
        Assert.Equal(LineErrorKind.TimestampOutOfRange, LineParse.Error($"m f=1 {text}", precision).Kind);

    [Fact]
    public void ServerTimeIsNotScaledByPrecision() =>
        Assert.Equal(LineParse.DefaultTime, LineParse.One("m f=1", TimestampPrecision.Second).Timestamp);
}
