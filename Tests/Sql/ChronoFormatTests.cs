using IOx.Pg.Executor.Functions.Temporal;

namespace IOx.Pg.Tests.Sql;

/// <summary>
/// ChronoFormat, the chrono strftime parser behind InfluxDB 3's to_timestamp_*(text, format...):
/// each specifier it claims, whitespace and trailing-input rules, and rejections.
/// </summary>
public sealed class ChronoFormatTests
{
    /// <summary>2024-01-01 00:00:00 UTC in nanoseconds.</summary>
    private const long NewYear2024 = 1_704_067_200_000_000_000;

    [Theory]
    [InlineData("01:01:59.123456789 01-01-2024", "%H:%M:%S%.f %m-%d-%Y", NewYear2024 + 3_719_123_456_789)]
    [InlineData("2024-01-01T01:01:59.5Z", "%+", NewYear2024 + 3_719_500_000_000)]
    [InlineData("2024-01-01T03:01:59+02:00", "%+", NewYear2024 + 3_719_000_000_000)]
    [InlineData("Mon Jan  1 01:01:59 2024", "%c", NewYear2024 + 3_719_000_000_000)]
    [InlineData("1-Jan-2024", "%e-%b-%Y", NewYear2024)]
    [InlineData("January 1, 2024 1:01:59 AM", "%B %e, %Y %I:%M:%S %p", NewYear2024 + 3_719_000_000_000)]
    [InlineData("2024-01-01 13:01:59 -0100", "%F %T %z", NewYear2024 + 50_519_000_000_000)]
    [InlineData("01/01/24 01:01", "%D %R", NewYear2024 + 3_660_000_000_000)]
    [InlineData("1704067200", "%s", NewYear2024)]
    [InlineData("2024-01-01   00:00:00", "%Y-%m-%d %H:%M:%S", NewYear2024)]
    [InlineData("2024-01-0100:00:00", "%Y-%m-%d %H:%M:%S", NewYear2024)]
    [InlineData("100% 2024-01-01", "100%% %F", NewYear2024)]
    public void Parses(string text, string format, long expected)
    {
        Assert.True(ChronoFormat.TryParse(System.Text.Encoding.UTF8.GetBytes(text), System.Text.Encoding.UTF8.GetBytes(format), out long nanos));
        Assert.Equal(expected, nanos);
    }

    [Theory]
    [InlineData("01:01:59.123456789 01-01-2024", "%c")]
    [InlineData("01:01:59.123456789 01-01-2024", "%+")]
    [InlineData("2024-01-01 extra", "%F")]
    [InlineData("2024-02-30", "%F")]
    [InlineData("2024-13-01", "%F")]
    [InlineData("2024-01-01", "%Q")]
    [InlineData("2024-01-01T00:00:00", "%+")]
    public void Rejects(string text, string format)
    {
        Assert.False(ChronoFormat.TryParse(System.Text.Encoding.UTF8.GetBytes(text), System.Text.Encoding.UTF8.GetBytes(format), out _));
    }
}
